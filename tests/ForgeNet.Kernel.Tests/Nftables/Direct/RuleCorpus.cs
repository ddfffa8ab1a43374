using System.Net;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>
/// Rule shapes the direct path writes itself, by name, for a bridge table and an inet table that both hold a chain
/// "c", a chain "other", sets p4 (ipv4), p6 (ipv6), big4 (ipv4 intervals), bridges (ifname) and maps egress4 (ipv4 to
/// verdict) and bridged (ifname . ifname to verdict).
/// </summary>
internal static class RuleCorpus
{
    private static readonly NftExpr EtherType = NftExpr.Payload("ether", "type");
    private static readonly NftExpr Icmpv6Type = NftExpr.Payload("icmpv6", "type");
    private static readonly NftExpr IcmpType = NftExpr.Payload("icmp", "type");

    public static NftTransaction Tables(NftTable t)
    {
        var tx = new NftTransaction().ReplaceTable(t)
            .AddChain(NftChain.Regular(t, "c")).AddChain(NftChain.Regular(t, "other"))
            .AddSet(NftSet.Of(t, "p4", NftDataType.Ipv4Addr)).AddSet(NftSet.Of(t, "p6", NftDataType.Ipv6Addr))
            .AddSet(NftSet.Of(t, "big4", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval })
            .AddSet(NftSet.Of(t, "bridges", NftDataType.IfName))
            .AddSet(NftSet.VerdictMap(t, "egress4", NftDataType.Ipv4Addr))
            .AddSet(NftSet.VerdictMap(t, "bridged", NftDataType.IfName, NftDataType.IfName));
        return tx;
    }

    public static readonly Dictionary<string, Func<NftRuleBuilder, NftRuleBuilder>> Bridge = new()
    {
        ["ether type ip"] = b => b.Match(EtherType, S("ip")).Counter().Accept(),
        ["ether saddr != mac"] = b => b.NotMatch(NftExpr.Payload("ether", "saddr"), S("02:c8:4d:30:2c:64")).Counter().Drop().Comment("anti-spoofing: foreign MAC"),
        ["ether saddr { one mac }"] = b => b.Match(NftExpr.Payload("ether", "saddr"), NftValue.Set(S("02:00:00:00:00:01"))).Drop(),
        ["ether type != { ip, ip6, arp }"] = b => b.NotMatch(EtherType, NftValue.Set(S("ip"), S("ip6"), S("arp"))).Drop(),
        ["arp operation request"] = b => b.Match(NftExpr.Payload("arp", "operation"), S("request")).Accept(),
        ["arp saddr ip"] = b => b.Match(NftExpr.Payload("arp", "saddr ip"), A("10.0.0.1")).Accept(),
        ["ether type arp arp saddr ether != mac"] = b => b.Match(EtherType, S("arp")).NotMatch(NftExpr.Payload("arp", "saddr ether"), S("02:00:00:00:00:01")).Drop(),
        ["ip daddr { prefix, address, range } goto"] = b => b.Match(NftExpr.IpDaddr, NftValue.Set(P("10.1.0.0/16"), A("192.0.2.7"), NftValue.Range(A("198.51.100.1"), A("198.51.100.9")))).Counter().Goto("other"),
        ["ip daddr { unsorted prefixes }"] = b => b.Match(NftExpr.IpDaddr, NftValue.Set(P("10.9.0.0/16"), P("10.1.0.0/16"))).Accept(),
        ["ip daddr { adjacent prefixes }"] = b => b.Match(NftExpr.IpDaddr, NftValue.Set(P("10.0.0.0/24"), P("10.0.1.0/24"))).Accept(),
        ["ip daddr { overlapping }"] = b => b.Match(NftExpr.IpDaddr, NftValue.Set(P("10.0.0.0/16"), A("10.0.3.4"), P("10.0.0.0/8"))).Accept(),
        ["ip saddr { two addresses }"] = b => b.Match(NftExpr.IpSaddr, NftValue.Set(A("10.0.0.9"), A("10.0.0.1"))).Accept(),
        ["ip daddr @p4"] = b => b.InSet(NftExpr.IpDaddr, "p4").Counter().Accept(),
        ["ip6 daddr @p6"] = b => b.InSet(NftExpr.Ip6Daddr, "p6").Counter().Accept(),
        ["ip daddr @big4"] = b => b.InSet(NftExpr.IpDaddr, "big4").Counter().Accept(),
        ["ip saddr != @p4"] = b => b.NotInSet(NftExpr.IpSaddr, "p4").Drop(),
        ["meta l4proto { tcp, udp }"] = b => b.L4Proto(NftL4Proto.Tcp, NftL4Proto.Udp).Counter().Accept(),
        ["tcp dport 22"] = b => b.DestinationPort(NftL4Proto.Tcp, 22).Counter().Accept(),
        ["tcp dport { 22, 8000-8100 }"] = b => b.Match(NftExpr.TcpDport, NftValue.Set(NftValue.Port(22), NftValue.PortRange(8000, 8100))).Counter().Accept(),
        ["udp dport { 53, 5353 }"] = b => b.DestinationPort(NftL4Proto.Udp, 53, 5353).Counter().Accept(),
        ["icmp type echo-request"] = b => b.Match(IcmpType, S("echo-request")).Counter().Accept(),
        ["icmp type { echo-request, echo-reply }"] = b => b.Match(IcmpType, NftValue.Set(S("echo-request"), S("echo-reply"))).Accept(),
        ["icmpv6 type { router-advert, redirect }"] = b => b.Match(Icmpv6Type, NftValue.Set(S("nd-router-advert"), S("nd-redirect"))).Counter().Drop(),
        ["icmpv6 type number"] = b => b.Match(Icmpv6Type, NftValue.Number(200)).Drop(),
        ["meta l4proto icmp"] = b => b.L4Proto(NftL4Proto.Icmp).Accept(),
        ["meta l4proto ipv6-icmp"] = b => b.L4Proto(NftL4Proto.Icmpv6).Accept(),
        ["ip daddr 10.0.0.0/8 tcp dport 22"] = b => b.Match(NftExpr.IpDaddr, P("10.0.0.0/8")).DestinationPort(NftL4Proto.Tcp, 22).Accept(),
        ["ip6 daddr fd00::/8 udp dport 53"] = b => b.Match(NftExpr.Ip6Daddr, P("fd00::/8")).DestinationPort(NftL4Proto.Udp, 53).Accept(),
        ["ip saddr 10.89.0.0/20"] = b => b.Match(NftExpr.IpSaddr, P("10.89.0.0/20")).Accept(),
        ["ip6 saddr fe80::/10"] = b => b.Match(NftExpr.Ip6Saddr, P("fe80::/10")).Accept(),
        ["ip saddr != 10.0.0.0/20"] = b => b.NotMatch(NftExpr.IpSaddr, P("10.0.0.0/20")).Accept(),
        ["ip6 saddr != fd00:1::/64"] = b => b.NotMatch(NftExpr.Ip6Saddr, P("fd00:1::/64")).Drop(),
        ["ip saddr range"] = b => b.Match(NftExpr.IpSaddr, NftValue.Range(A("10.0.0.1"), A("10.0.0.5"))).Continue(),
        ["ip saddr != range"] = b => b.NotMatch(NftExpr.IpSaddr, NftValue.Range(A("10.0.0.1"), A("10.0.0.5"))).Accept(),
        ["iifname veth0"] = b => b.IifName("veth0").Counter().Accept(),
        ["iifname fn-*"] = b => b.Match(NftExpr.IifName, S("fn-*")).Accept(),
        ["oifname vmap { goto, accept }"] = b => b.VerdictMap(NftExpr.OifName, new NftMapEntry(NftValue.IfName("veth1"), NftVerdict.Goto("other")), new NftMapEntry(NftValue.IfName("veth2"), NftVerdict.Accept)),
        ["meta l4proto { tcp, udp } th dport 53"] = b => b.L4Proto(NftL4Proto.Tcp, NftL4Proto.Udp).Match(NftExpr.ThDport, NftValue.Port(53)).Accept(),
        ["ip daddr . tcp dport { a . 22, b . 80 }"] = b => b.Match(NftExpr.Concat(NftExpr.IpDaddr, NftExpr.TcpDport), NftValue.Set(
            NftValue.Concat(A("10.0.0.1"), NftValue.Port(22)), NftValue.Concat(A("10.0.0.2"), NftValue.Port(80)))).Accept(),
        ["ip daddr 10.0.0.0/8 icmp type echo-request"] = b => b.Match(NftExpr.IpDaddr, P("10.0.0.0/8")).Match(IcmpType, S("echo-request")).Accept(),
        ["meta l4proto icmp icmp type echo-request"] = b => b.L4Proto(NftL4Proto.Icmp).Match(IcmpType, S("echo-request")).Accept(),
        ["ip protocol tcp"] = b => b.Match(NftExpr.IpProtocol, S("tcp")).Accept(),
        ["th dport 53"] = b => b.Match(NftExpr.ThDport, NftValue.Port(53)).Accept(),
        ["ether type ip ip saddr"] = b => b.Match(EtherType, S("ip")).Match(NftExpr.IpSaddr, A("10.0.0.1")).Accept(),
        ["meta protocol ip6 ip6 saddr ::1"] = b => b.Match(NftExpr.Meta(NftMetaKey.Protocol), S("ip6")).Match(NftExpr.Ip6Saddr, A("::1")).Accept(),
        ["icmpv6 nd-neighbor-advert @th,64,128 != { target }"] = b => b.Match(Icmpv6Type, S("nd-neighbor-advert"))
            .NotMatch(new NftRawExpr("""{"payload":{"base":"th","offset":64,"len":128}}"""), NftValue.Set(S("0xfe8000000000000000c84dfffe302c64"))).Counter().Drop(),
        ["@th,64,128 { two targets }"] = b => b.Match(new NftRawExpr("""{"payload":{"base":"th","offset":64,"len":128}}"""), NftValue.Set(S("0x1"), S("0x2"))).Accept(),
        ["jump other"] = b => b.Jump("other"),
        ["counter return"] = b => b.Counter().Return(),
        ["ether type ip6 counter accept with comment"] = b => b.Match(EtherType, S("ip6")).Counter().Accept().Comment("mode internal: peers on network bench"),
    };

    public static readonly Dictionary<string, Func<NftRuleBuilder, NftRuleBuilder>> Inet = new()
    {
        ["meta nfproto ipv4"] = b => b.IpVersion(System.Net.Sockets.AddressFamily.InterNetwork).Counter().Accept(),
        ["meta nfproto ipv6"] = b => b.IpVersion(System.Net.Sockets.AddressFamily.InterNetworkV6).Counter().Accept(),
        ["ip daddr { prefix, address } goto"] = b => b.Match(NftExpr.IpDaddr, NftValue.Set(P("10.1.0.0/16"), A("192.0.2.7"))).Counter().Goto("other"),
        ["ip daddr @p4"] = b => b.InSet(NftExpr.IpDaddr, "p4").Counter().Accept(),
        ["meta l4proto { tcp, udp }"] = b => b.L4Proto(NftL4Proto.Tcp, NftL4Proto.Udp).Counter().Accept(),
        ["tcp dport { 22, 8000-8100 }"] = b => b.Match(NftExpr.TcpDport, NftValue.Set(NftValue.Port(22), NftValue.PortRange(8000, 8100))).Counter().Accept(),
        ["tcp dport != 22"] = b => b.NotMatch(NftExpr.TcpDport, NftValue.Port(22)).Accept(),
        ["icmp type echo-request"] = b => b.Match(IcmpType, S("echo-request")).Counter().Accept(),
        ["icmpv6 type { echo-request, echo-reply }"] = b => b.Match(Icmpv6Type, NftValue.Set(S("echo-request"), S("echo-reply"))).Counter().Accept(),
        ["ip daddr 10.0.0.0/8 tcp dport 22"] = b => b.Match(NftExpr.IpDaddr, P("10.0.0.0/8")).DestinationPort(NftL4Proto.Tcp, 22).Accept(),
        ["ct direction reply"] = b => b.Match(NftExpr.Ct(NftCtKey.Direction), S("reply")).Counter().Accept(),
        ["ct state related"] = b => b.CtState(NftCtState.Related).Counter().Accept(),
        ["ct state established,related"] = b => b.CtState(NftCtState.Established | NftCtState.Related).Counter().Accept(),
        ["ct state invalid drop"] = b => b.CtState(NftCtState.Invalid).Drop(),
        ["ct status dnat goto"] = b => b.Match(NftExpr.Ct(NftCtKey.Status), NftOp.In, S("dnat")).Goto("other"),
        ["ct mark 5"] = b => b.Match(NftExpr.Ct(NftCtKey.Mark), NftValue.Number(5)).Accept(),
        ["meta mark 16"] = b => b.Match(NftExpr.Meta(NftMetaKey.Mark), NftValue.Number(16)).Accept(),
        ["iifname . oifname vmap @bridged"] = b => b.VerdictMap(NftExpr.Concat(NftExpr.IifName, NftExpr.OifName), "bridged"),
        ["ip saddr vmap @egress4"] = b => b.VerdictMap(NftExpr.IpSaddr, "egress4"),
        ["ip saddr @p4 oifname != @bridges counter drop"] = b => b.InSet(NftExpr.IpSaddr, "p4").NotInSet(NftExpr.OifName, "bridges").Counter().Drop(),
        ["ip saddr @p4 masquerade"] = b => b.InSet(NftExpr.IpSaddr, "p4").NotInSet(NftExpr.OifName, "bridges").Counter().Masquerade(),
        ["ip6 saddr masquerade random,persistent"] = b => b.Match(NftExpr.Ip6Saddr, P("fd00:99::/64")).Masquerade(NftNatFlags.Random | NftNatFlags.Persistent),
        ["udp dport 53 ip daddr"] = b => b.DestinationPort(NftL4Proto.Udp, 53).Match(NftExpr.IpDaddr, A("10.89.0.1")).Counter().Accept(),
        ["ip saddr ip daddr"] = b => b.Match(NftExpr.IpSaddr, A("10.0.0.1")).Match(NftExpr.IpDaddr, A("10.0.0.2")).Counter().Accept(),
        ["oifname lo"] = b => b.OifName("lo").Accept(),
        ["ip protocol tcp"] = b => b.Match(NftExpr.IpProtocol, S("tcp")).Accept(),
        ["ip6 nexthdr udp"] = b => b.Match(NftExpr.Ip6Nexthdr, S("udp")).Accept(),
        ["icmp type echo-request ip daddr 10.0.0.0/8"] = b => b.Match(IcmpType, S("echo-request")).Match(NftExpr.IpDaddr, P("10.0.0.0/8")).Accept(),
        ["ip saddr != { a, b }"] = b => b.NotMatch(NftExpr.IpSaddr, NftValue.Set(A("10.0.0.1"), A("10.0.0.2"))).Drop(),
        ["meta nfproto ipv4 tcp dport dnat ip to address:port"] = b => b.IpVersion(System.Net.Sockets.AddressFamily.InterNetwork).DestinationPort(NftL4Proto.Tcp, 20000)
            .Counter().Dnat(IPAddress.Parse("10.89.0.43"), 80).Comment("publish 20000:80/tcp"),
        ["ip6 daddr != ::1 tcp dport dnat ip6 to [address]:port"] = b => b.NotMatch(NftExpr.Ip6Daddr, A("::1")).DestinationPort(NftL4Proto.Tcp, 20000)
            .Counter().Dnat(IPAddress.Parse("fd94:4ee:a325:0:e6ac:2433:b598:2312"), 80),
        ["udp dport range dnat ip to address"] = b => b.Match(NftExpr.UdpDport, NftValue.PortRange(5000, 5010)).Dnat(IPAddress.Parse("10.0.0.9")),
        ["ip daddr udp dport dnat ip to address:port"] = b => b.Match(NftExpr.IpDaddr, A("127.0.0.1")).DestinationPort(NftL4Proto.Udp, 53).Dnat(IPAddress.Parse("10.0.0.9"), 5353),
        ["dnat ip6 to address"] = b => b.Dnat(IPAddress.Parse("fd00::9")),
        ["snat ip to address"] = b => b.InSet(NftExpr.IpSaddr, "p4").Counter().Snat(IPAddress.Parse("192.0.2.1")),
        ["meta l4proto tcp snat ip6 to [address]:port"] = b => b.L4Proto(NftL4Proto.Tcp).Snat(IPAddress.Parse("2001:db8::1"), 1024),
        ["snat ip to address random,persistent"] = b => b.Statement(new NftNat(NftNatKind.Snat, IPAddress.Parse("192.0.2.1")) { Flags = NftNatFlags.Random | NftNatFlags.Persistent }),
        ["tcp dport dnat ip to address:port fully-random"] = b => b.DestinationPort(NftL4Proto.Tcp, 8080)
            .Statement(new NftNat(NftNatKind.Dnat, IPAddress.Parse("10.0.0.9"), 80) { Flags = NftNatFlags.FullyRandom }),
        ["ct status dnat meta l4proto . th dport { tcp . 80 }"] = b => b.Match(NftExpr.Ct(NftCtKey.Status), NftOp.In, S("dnat"))
            .Match(NftExpr.Concat(NftExpr.L4Proto, NftExpr.ThDport), NftValue.Set(NftValue.Concat(S("tcp"), NftValue.Port(80)))).Counter().Accept().Comment("published ports"),
        ["meta l4proto . th dport { tcp . 80, udp . 53 }"] = b => b.Match(NftExpr.Concat(NftExpr.L4Proto, NftExpr.ThDport),
            NftValue.Set(NftValue.Concat(S("tcp"), NftValue.Port(80)), NftValue.Concat(S("udp"), NftValue.Port(53)))).Accept(),
        ["ct status dnat meta l4proto . th dport { tcp . 8000-8100 }"] = b => b.Match(NftExpr.Ct(NftCtKey.Status), NftOp.In, S("dnat"))
            .Match(NftExpr.Concat(NftExpr.L4Proto, NftExpr.ThDport), NftValue.Set(NftValue.Concat(S("tcp"), NftValue.PortRange(8000, 8100)))).Counter().Accept(),
        ["meta l4proto . th dport { tcp . 80, udp . 1000-2000 }"] = b => b.Match(NftExpr.Concat(NftExpr.L4Proto, NftExpr.ThDport),
            NftValue.Set(NftValue.Concat(S("tcp"), NftValue.Port(80)), NftValue.Concat(S("udp"), NftValue.PortRange(1000, 2000)))).Accept(),
        ["meta mark . tcp dport { 1 . 80-90 }"] = b => b.Match(NftExpr.Concat(NftExpr.Meta(NftMetaKey.Mark), NftExpr.TcpDport),
            NftValue.Set(NftValue.Concat(NftValue.Number(1), NftValue.PortRange(80, 90)))).Accept(),
        ["ip saddr . tcp dport { prefix . 22, address . 80-90 }"] = b => b.Match(NftExpr.Concat(NftExpr.IpSaddr, NftExpr.TcpDport),
            NftValue.Set(NftValue.Concat(P("10.0.0.0/8"), NftValue.Port(22)), NftValue.Concat(A("192.0.2.1"), NftValue.PortRange(80, 90)))).Accept(),
        ["ip saddr . tcp dport @missing-free concat set"] = b => b.Match(NftExpr.Concat(NftExpr.IpSaddr, NftExpr.TcpDport), NftValue.Set(NftValue.Concat(A("10.0.0.1"), NftValue.Port(22)), NftValue.Concat(A("10.0.0.2"), NftValue.Port(22)))).Accept(),
    };

    private static NftValue S(string text) => NftValue.String(text);

    private static NftValue A(string address) => NftValue.Address(IPAddress.Parse(address));

    private static NftValue P(string prefix) => NftValue.Prefix(IpPrefix.Parse(prefix));
}
