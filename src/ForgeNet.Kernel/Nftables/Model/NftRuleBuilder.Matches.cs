namespace ForgeNet.Kernel.Nftables;

/// <summary>The match statements of <see cref="NftRuleBuilder"/>.</summary>
public sealed partial class NftRuleBuilder
{
    /// <summary><paramref name="left"/> equals <paramref name="right"/> (or lies in it: a prefix, range or set).</summary>
    public NftRuleBuilder Match(NftExpr left, NftValue right) => Match(left, NftOp.Eq, right);

    public NftRuleBuilder Match(NftExpr left, NftOp op, NftValue right) => Statement(new NftMatch(left, op, right));

    /// <summary><paramref name="left"/> does not equal (or lie in) <paramref name="right"/>.</summary>
    public NftRuleBuilder NotMatch(NftExpr left, NftValue right) => Match(left, NftOp.Ne, right);

    /// <summary><paramref name="key"/> is an element of the named set (<c>ip daddr @allow4</c>).</summary>
    public NftRuleBuilder InSet(NftExpr key, string setName) => Match(key, NftOp.Eq, new NftSetRef(setName));

    /// <summary><paramref name="key"/> is not an element of the named set.</summary>
    public NftRuleBuilder NotInSet(NftExpr key, string setName) => Match(key, NftOp.Ne, new NftSetRef(setName));

    /// <summary><c>ct state</c> is one of <paramref name="states"/>.</summary>
    public NftRuleBuilder CtState(NftCtState states) => Match(NftExpr.CtState, NftOp.In, NftValue.CtState(states));

    /// <summary><c>meta l4proto</c> is <paramref name="proto"/> (in IPv4 and IPv6 alike).</summary>
    public NftRuleBuilder L4Proto(NftL4Proto proto) => Match(NftExpr.L4Proto, NftValue.L4Proto(proto));

    /// <summary><c>meta l4proto</c> is one of <paramref name="protos"/>.</summary>
    public NftRuleBuilder L4Proto(params NftL4Proto[] protos) =>
        protos.Length == 1 ? L4Proto(protos[0]) : Match(NftExpr.L4Proto, new NftAnonymousSet([.. protos.Select(NftValue.L4Proto)]));

    /// <summary>The packet is IPv4 or IPv6 (<c>meta nfproto ipv4</c>), for rules in an inet table.</summary>
    public NftRuleBuilder IpVersion(System.Net.Sockets.AddressFamily family) => family switch
    {
        System.Net.Sockets.AddressFamily.InterNetwork => Match(NftExpr.NfProto, new NftString("ipv4")),
        System.Net.Sockets.AddressFamily.InterNetworkV6 => Match(NftExpr.NfProto, new NftString("ipv6")),
        _ => throw new ArgumentException($"{family} is not an IP version", nameof(family)),
    };

    public NftRuleBuilder IifName(string name) => Match(NftExpr.IifName, NftValue.IfName(name));

    public NftRuleBuilder OifName(string name) => Match(NftExpr.OifName, NftValue.IfName(name));

    public NftRuleBuilder NotIifName(string name) => NotMatch(NftExpr.IifName, NftValue.IfName(name));

    public NftRuleBuilder NotOifName(string name) => NotMatch(NftExpr.OifName, NftValue.IfName(name));

    /// <summary>The source address lies in <paramref name="prefix"/> (<c>ip saddr</c> or <c>ip6 saddr</c> by its family).</summary>
    public NftRuleBuilder SourceAddress(IpPrefix prefix) => Match(NftExpr.SourceAddressOf(prefix), NftValue.Prefix(prefix));

    /// <summary>The destination address lies in <paramref name="prefix"/> (<c>ip daddr</c> or <c>ip6 daddr</c> by its family).</summary>
    public NftRuleBuilder DestinationAddress(IpPrefix prefix) => Match(NftExpr.DestinationAddressOf(prefix), NftValue.Prefix(prefix));

    public NftRuleBuilder NotSourceAddress(IpPrefix prefix) => NotMatch(NftExpr.SourceAddressOf(prefix), NftValue.Prefix(prefix));

    public NftRuleBuilder NotDestinationAddress(IpPrefix prefix) => NotMatch(NftExpr.DestinationAddressOf(prefix), NftValue.Prefix(prefix));

    /// <summary>
    /// TCP or UDP destination port is one of <paramref name="ports"/> (<c>tcp dport 443</c>, <c>udp dport { 53, 5353 }</c>):
    /// the form nft lists, which also implies the protocol.
    /// </summary>
    public NftRuleBuilder DestinationPort(NftL4Proto proto, params ushort[] ports) =>
        Match(PortField(proto, "dport"), PortsValue(ports));

    /// <summary>TCP or UDP source port is one of <paramref name="ports"/>.</summary>
    public NftRuleBuilder SourcePort(NftL4Proto proto, params ushort[] ports) =>
        Match(PortField(proto, "sport"), PortsValue(ports));

    private static NftValue PortsValue(ushort[] ports) => ports.Length switch
    {
        0 => throw new ArgumentException("at least one port is needed", nameof(ports)),
        1 => NftValue.Port(ports[0]),
        _ => NftValue.Ports(ports),
    };

    private static NftPayload PortField(NftL4Proto proto, string field)
    {
        if (proto is not (NftL4Proto.Tcp or NftL4Proto.Udp or NftL4Proto.Sctp or NftL4Proto.UdpLite))
            throw new ArgumentException($"{proto} has no ports", nameof(proto));
        return new NftPayload(NftValueNames.Of(proto), field);
    }
}
