namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// What a rule looks at: a packet header field (payload), packet metadata (meta), conntrack state (ct), or a
/// concatenation of those. The well-known ones are static properties. <c>ToString()</c> gives nft syntax.
/// </summary>
public abstract record NftExpr
{
    private protected NftExpr()
    {
    }

    public static NftExpr IpSaddr { get; } = new NftPayload("ip", "saddr");
    public static NftExpr IpDaddr { get; } = new NftPayload("ip", "daddr");
    public static NftExpr IpProtocol { get; } = new NftPayload("ip", "protocol");
    public static NftExpr Ip6Saddr { get; } = new NftPayload("ip6", "saddr");
    public static NftExpr Ip6Daddr { get; } = new NftPayload("ip6", "daddr");
    public static NftExpr Ip6Nexthdr { get; } = new NftPayload("ip6", "nexthdr");

    /// <summary>The transport header's source port, whatever the layer-4 protocol (<c>th sport</c>).</summary>
    public static NftExpr ThSport { get; } = new NftPayload("th", "sport");

    /// <summary>The transport header's destination port, whatever the layer-4 protocol (<c>th dport</c>).</summary>
    public static NftExpr ThDport { get; } = new NftPayload("th", "dport");

    public static NftExpr TcpSport { get; } = new NftPayload("tcp", "sport");
    public static NftExpr TcpDport { get; } = new NftPayload("tcp", "dport");
    public static NftExpr UdpSport { get; } = new NftPayload("udp", "sport");
    public static NftExpr UdpDport { get; } = new NftPayload("udp", "dport");

    public static NftExpr IifName { get; } = new NftMeta(NftMetaKey.IifName);
    public static NftExpr OifName { get; } = new NftMeta(NftMetaKey.OifName);
    public static NftExpr L4Proto { get; } = new NftMeta(NftMetaKey.L4Proto);
    public static NftExpr NfProto { get; } = new NftMeta(NftMetaKey.NfProto);
    public static NftExpr CtState { get; } = new NftCt(NftCtKey.State);

    /// <summary>A header field nft knows by protocol and field name (<c>icmp type</c>, <c>tcp flags</c>, …).</summary>
    public static NftExpr Payload(string protocol, string field) => new NftPayload(protocol, field);

    public static NftExpr Meta(NftMetaKey key) => new NftMeta(key);

    public static NftExpr Ct(NftCtKey key) => new NftCt(key);

    /// <summary>A concatenation (<c>ip daddr . th dport</c>) to look up in a set of a concatenated type.</summary>
    public static NftExpr Concat(params NftExpr[] parts) => new NftConcatExpr(parts);

    /// <summary>The source address field of the IP version of <paramref name="prefix"/>.</summary>
    public static NftExpr SourceAddressOf(IpPrefix prefix) => prefix.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Ip6Saddr : IpSaddr;

    /// <summary>The destination address field of the IP version of <paramref name="prefix"/>.</summary>
    public static NftExpr DestinationAddressOf(IpPrefix prefix) => prefix.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Ip6Daddr : IpDaddr;

    public sealed override string ToString() => NftText.Format(this);
}
