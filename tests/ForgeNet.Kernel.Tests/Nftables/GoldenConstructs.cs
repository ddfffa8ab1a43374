using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>
/// Golden/constructs.nft written with the typed API, statement for statement, in the canonical forms nft lists,
/// so the JSON we write can be compared with the JSON nft printed for the same ruleset (Golden/constructs.json).
/// </summary>
internal static class GoldenConstructs
{
    public static NftTransaction Build(NftTable t)
    {
        var tx = new NftTransaction().ReplaceTable(t);
        // Chains before maps: a verdict-map element that jumps needs its chain to exist.
        foreach (var chain in Chains(t))
            tx.AddChain(chain);
        AddSets(tx, t);
        foreach (var rule in Rules(t))
            tx.AddRule(rule);
        return tx;
    }

    public static IEnumerable<NftChain> Chains(NftTable t) =>
    [
        NftChain.Regular(t, "ep1"),
        NftChain.Regular(t, "ep2"),
        NftChain.Base(t, "forward", NftChainType.Filter, NftHook.Forward, NftPriority.Filter, NftChainPolicy.Drop),
        NftChain.Base(t, "input", NftChainType.Filter, NftHook.Input, NftPriority.Filter),
        NftChain.Base(t, "output", NftChainType.Filter, NftHook.Output, NftPriority.Filter),
        NftChain.Base(t, "prerouting", NftChainType.Nat, NftHook.Prerouting, NftPriority.DstNat),
        NftChain.Base(t, "postrouting", NftChainType.Nat, NftHook.Postrouting, NftPriority.SrcNat),
    ];

    private static void AddSets(NftTransaction tx, NftTable t)
    {
        tx.AddSet(NftSet.Of(t, "allow4", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval, Elements = [P("10.99.1.0/24"), A("192.0.2.7")] });
        tx.AddSet(NftSet.Of(t, "allow6", NftDataType.Ipv6Addr) with { Flags = NftSetFlags.Interval, Elements = [P("fd00:99::/64")] });
        tx.AddSet(NftSet.Of(t, "svc", NftDataType.InetService) with { Elements = [NftValue.Port(53), NftValue.Port(443)] });
        tx.AddSet(NftSet.Of(t, "ifs", NftDataType.IfName) with { Elements = [NftValue.IfName("veth0")] });
        tx.AddSet(NftSet.Of(t, "pairs", NftDataType.Ipv4Addr, NftDataType.InetService) with
        {
            Flags = NftSetFlags.Interval,
            Elements = [NftValue.Concat(A("10.0.0.1"), NftValue.Port(53)), NftValue.Concat(P("10.1.0.0/16"), NftValue.PortRange(80, 90))],
        });
        tx.AddSet(NftSet.Of(t, "recent", NftDataType.Ipv4Addr) with
        {
            Flags = NftSetFlags.Timeout, Timeout = TimeSpan.FromSeconds(30), Size = 1024,
        });
        tx.AddSet(NftSet.VerdictMap(t, "dispatch_in", NftDataType.IfName) with
        {
            Elements = [new(NftValue.IfName("veth0"), NftVerdict.Jump("ep1")), new(NftValue.IfName("veth9"), NftVerdict.Drop)],
        });
        tx.AddSet(NftSet.VerdictMap(t, "dispatch_out", NftDataType.IfName));
        tx.AddSet(NftSet.Map(t, "natmap", NftDataType.Ipv4Addr, NftDataType.Ipv4Addr) with { Elements = [new(A("10.0.0.1"), A("10.0.0.2"))] });
    }

    public static IEnumerable<NftRule> Rules(NftTable t) => [.. Endpoint(t), .. Filter(t), .. Nat(t)];

    private static IEnumerable<NftRule> Endpoint(NftTable t)
    {
        NftRuleBuilder R() => NftRule.In(t, "ep1");
        return
        [
            R().CtState(NftCtState.Established | NftCtState.Related).Counter().Accept().Build(),
            R().CtState(NftCtState.Invalid).Drop().Build(),
            R().DestinationPort(NftL4Proto.Tcp, 443).Counter().Accept().Build(),
            R().DestinationPort(NftL4Proto.Udp, 53, 5353).Accept().Build(),
            R().L4Proto(NftL4Proto.Tcp, NftL4Proto.Udp).Match(NftExpr.ThDport, NftValue.Port(53)).Accept().Build(),
            R().L4Proto(NftL4Proto.Icmp).Accept().Build(),
            R().InSet(NftExpr.IpDaddr, "allow4").Counter().Accept().Build(),
            R().InSet(NftExpr.Ip6Daddr, "allow6").Counter().Accept().Build(),
            R().SourceAddress(IpPrefix.Parse("10.99.1.0/24")).DestinationAddress(IpPrefix.Parse("10.99.2.5")).Drop().Build(),
            R().NotSourceAddress(IpPrefix.Parse("fd00:1::/64")).Drop().Build(),
            R().InSet(NftExpr.Concat(NftExpr.IpDaddr, NftExpr.ThDport), "pairs").Accept().Build(),
            R().InSet(NftExpr.IifName, "ifs").Return().Build(),
            R().Limit(10, NftTimeUnit.Second).Counter().Accept().Build(),
            R().Limit(NftLimit.BytesPer(1, NftRateUnit.MBytes, NftTimeUnit.Second) with { Over = true }).Drop().Build(),
            R().Log("fnt drop: ", NftLogLevel.Info).Build(),
            R().Reject(NftRejectWith.AdminProhibited).Build(),
            R().Match(NftExpr.IpSaddr, NftValue.Range(A("10.0.0.1"), A("10.0.0.5"))).Continue().Build(),
            R().IpVersion(AddressFamily.InterNetworkV6).Goto("ep2").Build(),
            R().Counter().Drop().Comment("default deny").Build(),
        ];
    }

    private static IEnumerable<NftRule> Filter(NftTable t) =>
    [
        NftRule.In(t, "forward").VerdictMap(NftExpr.IifName, "dispatch_in").Build(),
        NftRule.In(t, "forward").VerdictMap(NftExpr.OifName,
            new NftMapEntry(NftValue.IfName("veth1"), NftVerdict.Goto("ep1")),
            new NftMapEntry(NftValue.IfName("veth2"), NftVerdict.Accept)).Build(),
        NftRule.In(t, "input").CtState(NftCtState.New).DestinationPort(NftL4Proto.Tcp, 22).Limit(3, NftTimeUnit.Minute).Accept().Build(),
        NftRule.In(t, "input").L4Proto(NftL4Proto.Tcp).Reject(NftRejectWith.TcpReset).Build(),
        NftRule.In(t, "input").Reject().Build(),
        NftRule.In(t, "output").OifName("lo").Accept().Build(),
        NftRule.In(t, "output").Match(NftExpr.Meta(NftMetaKey.Mark), NftValue.Number(16)).Accept().Build(),
        NftRule.In(t, "output").Match(NftExpr.Ct(NftCtKey.Mark), NftValue.Number(5)).Accept().Build(),
    ];

    private static IEnumerable<NftRule> Nat(NftTable t) =>
    [
        NftRule.In(t, "prerouting").IifName("eth0").DestinationPort(NftL4Proto.Tcp, 8080).Dnat(IPAddress.Parse("10.99.1.5"), 80).Build(),
        NftRule.In(t, "prerouting").DestinationAddress(IpPrefix.Parse("fd00::1")).DestinationPort(NftL4Proto.Tcp, 80)
            .Dnat(IPAddress.Parse("fd00::5"), 8080).Build(),
        NftRule.In(t, "prerouting").DestinationPort(NftL4Proto.Udp, 5353).Dnat(IPAddress.Parse("10.99.1.6")).Build(),
        NftRule.In(t, "postrouting").SourceAddress(IpPrefix.Parse("10.99.1.0/24")).NotOifName("br0").Masquerade().Build(),
        NftRule.In(t, "postrouting").SourceAddress(IpPrefix.Parse("fd00:99::/64")).Masquerade(NftNatFlags.Random | NftNatFlags.Persistent).Build(),
        NftRule.In(t, "postrouting").SourceAddress(IpPrefix.Parse("10.99.3.0/24")).Snat(IPAddress.Parse("192.0.2.1")).Build(),
    ];

    private static NftValue A(string address) => NftValue.Address(IPAddress.Parse(address));

    private static NftValue P(string prefix) => NftValue.Prefix(IpPrefix.Parse(prefix));
}
