namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// The data types the direct path knows (nft's datatype.c, 1.0.6): ids, lengths, byte orders as nft records them in a
/// set's user data, and symbol tables. A type missing here sends its transaction through libnftables.
/// </summary>
internal static class NftTypes
{
    /// <summary>Bits per component in a concatenated type id (TYPE_BITS).</summary>
    public const int ConcatBits = 6;

    public static readonly NftType Verdict = new("verdict", 1, 0, NftByteOrder.Invalid, NftTypeKind.Verdict);
    public static readonly NftType Integer = new("integer", 4, 0, NftByteOrder.Host, NftTypeKind.Integer);
    public static readonly NftType Ipv4Addr = new("ipv4_addr", 7, 4, NftByteOrder.Big, NftTypeKind.Ipv4);
    public static readonly NftType Ipv6Addr = new("ipv6_addr", 8, 16, NftByteOrder.Big, NftTypeKind.Ipv6);
    public static readonly NftType EtherAddr = new("ether_addr", 9, 6, NftByteOrder.Big, NftTypeKind.Ether);
    public static readonly NftType EtherType = new("ether_type", 10, 2, NftByteOrder.Big, NftTypeKind.Integer, Table(
        ("ip", 0x0800), ("arp", 0x0806), ("ip6", 0x86dd), ("vlan", 0x8100), ("8021ad", 0x88a8)));
    public static readonly NftType ArpOp = new("arp_op", 11, 2, NftByteOrder.Big, NftTypeKind.Integer, Table(
        ("request", 1), ("reply", 2), ("rrequest", 3), ("rreply", 4), ("inrequest", 8), ("inreply", 9), ("nak", 10)));
    // nft records no byte order for inet_proto sets (its base type is a bare integer of one byte).
    public static readonly NftType InetProto = new("inet_proto", 12, 1, NftByteOrder.Invalid, NftTypeKind.Integer, Table(
        ("icmp", 1), ("igmp", 2), ("tcp", 6), ("udp", 17), ("gre", 47), ("esp", 50), ("ah", 51), ("ipv6-icmp", 58), ("sctp", 132), ("udplite", 136)));
    public static readonly NftType InetService = new("inet_service", 13, 2, NftByteOrder.Big, NftTypeKind.Integer);
    public static readonly NftType IcmpType = new("icmp_type", 14, 1, NftByteOrder.Big, NftTypeKind.Integer, Table(
        ("echo-reply", 0), ("destination-unreachable", 3), ("source-quench", 4), ("redirect", 5), ("echo-request", 8),
        ("router-advertisement", 9), ("router-solicitation", 10), ("time-exceeded", 11), ("parameter-problem", 12),
        ("timestamp-request", 13), ("timestamp-reply", 14), ("info-request", 15), ("info-reply", 16),
        ("address-mask-request", 17), ("address-mask-reply", 18)));
    public static readonly NftType Mark = new("mark", 19, 4, NftByteOrder.Host, NftTypeKind.Integer);
    public static readonly NftType CtState = new("ct_state", 26, 4, NftByteOrder.Host, NftTypeKind.Bitmask, Table(
        ("invalid", 1), ("established", 2), ("related", 4), ("new", 8), ("untracked", 64)));
    public static readonly NftType CtDir = new("ct_dir", 27, 1, NftByteOrder.Host, NftTypeKind.Integer, Table(("original", 0), ("reply", 1)));
    public static readonly NftType CtStatus = new("ct_status", 28, 4, NftByteOrder.Host, NftTypeKind.Bitmask, Table(
        ("expected", 1), ("seen-reply", 2), ("assured", 4), ("confirmed", 8), ("snat", 16), ("dnat", 32), ("dying", 512)));
    public static readonly NftType Icmpv6Type = new("icmpv6_type", 29, 1, NftByteOrder.Big, NftTypeKind.Integer, Table(
        ("destination-unreachable", 1), ("packet-too-big", 2), ("time-exceeded", 3), ("parameter-problem", 4),
        ("echo-request", 128), ("echo-reply", 129), ("mld-listener-query", 130), ("mld-listener-report", 131),
        ("mld-listener-done", 132), ("mld-listener-reduction", 132), ("nd-router-solicit", 133), ("nd-router-advert", 134),
        ("nd-neighbor-solicit", 135), ("nd-neighbor-advert", 136), ("nd-redirect", 137), ("router-renumbering", 138),
        ("ind-neighbor-solicit", 141), ("ind-neighbor-advert", 142), ("mld2-listener-report", 143)));
    public static readonly NftType NfProto = new("nf_proto", 2, 1, NftByteOrder.Host, NftTypeKind.Integer, Table(("ipv4", 2), ("ipv6", 10)));
    public static readonly NftType IfName = new("ifname", 41, 16, NftByteOrder.Host, NftTypeKind.IfName);

    private static readonly NftType[] Named =
        [Ipv4Addr, Ipv6Addr, EtherAddr, EtherType, ArpOp, InetProto, InetService, IcmpType, Mark, CtState, CtDir, CtStatus, Icmpv6Type, IfName];

    /// <summary>The type nft calls <paramref name="name"/> in set declarations.</summary>
    public static NftType ByName(string name) => Named.FirstOrDefault(t => t.Name == name)
        ?? throw new NftDirectUnsupportedException($"set type {name}");

    /// <summary>The type with the kernel's id <paramref name="id"/>, or null.</summary>
    public static NftType? ById(uint id) => Named.FirstOrDefault(t => t.Id == id);

    /// <summary>The id of a (possibly concatenated) key: each component's id shifted in, six bits at a time.</summary>
    public static uint ConcatId(IReadOnlyList<NftType> parts) => parts.Aggregate(0u, (id, t) => id << ConcatBits | t.Id);

    /// <summary>Register bytes of one component: its length rounded up to 32 bits when part of a concatenation.</summary>
    public static int Padded(int length) => (length + 3) & ~3;

    private static Dictionary<string, ulong> Table(params (string Name, ulong Value)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
