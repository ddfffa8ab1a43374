using System.Net;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>
/// Transactions shaped like a sandbox's published ports: a nat skeleton (the publish map keyed by protocol and port
/// intervals, the subnets for hairpin NAT, dstnat chains), then one endpoint's add (its DNAT chain with rules to an
/// IPv4 and an IPv6 address, a range and a shifted port; the ingress rule looking up protocol and port; its publish map
/// elements; its network's subnet again) and its idempotent remove.
/// </summary>
internal static class PublishCorpus
{
    public static readonly NftTable Inet = new(NftFamily.Inet, "fnt-publish");

    private static readonly NftExpr ProtoAndPort = NftExpr.Concat(NftExpr.L4Proto, NftExpr.ThDport);

    public static NftTransaction Skeleton() => new NftTransaction().ReplaceTable(Inet)
        .AddSet(NftSet.VerdictMap(Inet, "publish", NftDataType.InetProto, NftDataType.InetService) with { Flags = NftSetFlags.Interval })
        .AddSet(NftSet.Of(Inet, "subnets4", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval, Elements = [NftValue.Prefix(IpPrefix.Parse("10.89.0.0/24"))] })
        .AddChain(NftChain.Base(Inet, "dstnat", NftChainType.Nat, NftHook.Prerouting, -100))
        .AddRule(NftRule.In(Inet, "dstnat").Match(new NftRawExpr("""{"fib":{"result":"type","flags":["daddr"]}}"""), NftValue.String("local"))
            .VerdictMap(ProtoAndPort, "publish").Build());

    public static (NftTransaction Add, NftTransaction Remove) Endpoint(int i)
    {
        var dnat = NftChain.Regular(Inet, $"ep-{i}-dnat");
        var ingress = NftChain.Regular(Inet, $"ep-{i}-in");
        var (ip4, ip6) = (IPAddress.Parse($"10.89.0.{i}"), IPAddress.Parse($"fd94:4ee:a325::{i:x}"));
        var port = (ushort)(20000 + 10 * i);
        var rules = new[]
        {
            NftRule.In(Inet, dnat.Name).IpVersion(System.Net.Sockets.AddressFamily.InterNetwork).DestinationPort(NftL4Proto.Tcp, port)
                .Counter().Dnat(ip4, 80).Comment($"publish {port}:80/tcp").Build(),
            NftRule.In(Inet, dnat.Name).NotMatch(NftExpr.Ip6Daddr, NftValue.Address(IPAddress.IPv6Loopback)).DestinationPort(NftL4Proto.Tcp, port)
                .Counter().Dnat(ip6, 80).Comment($"publish {port}:80/tcp").Build(),
            NftRule.In(Inet, dnat.Name).Match(NftExpr.IpDaddr, NftValue.Address(IPAddress.Loopback)).Match(NftExpr.UdpDport, NftValue.PortRange((ushort)(port + 1), (ushort)(port + 3)))
                .Counter().Dnat(ip4).Build(),
            NftRule.In(Inet, ingress.Name).Match(NftExpr.Ct(NftCtKey.Status), NftOp.In, NftValue.String("dnat"))
                .Match(ProtoAndPort, NftValue.Set(NftValue.Concat(NftValue.String("tcp"), NftValue.Port(80)),
                    NftValue.Concat(NftValue.String("udp"), NftValue.PortRange((ushort)(port + 1), (ushort)(port + 3)))))
                .Counter().Accept().Comment("published ports").Build(),
        };
        var elements = new[]
        {
            new NftElement(NftValue.Concat(NftValue.String("tcp"), NftValue.Port(port)), NftVerdict.Goto(dnat.Name)),
            new NftElement(NftValue.Concat(NftValue.String("udp"), NftValue.PortRange((ushort)(port + 1), (ushort)(port + 3))), NftVerdict.Goto(dnat.Name)),
        };

        var add = new NftTransaction();
        foreach (var chain in new[] { dnat, ingress }) add.AddChain(chain).FlushChain(chain.Table, chain.Name);
        foreach (var rule in rules) add.AddRule(rule);
        add.AddElements(Inet, "publish", elements).AddElements(Inet, "subnets4", new NftElement(NftValue.Prefix(IpPrefix.Parse("10.89.0.0/24"))));

        var remove = new NftTransaction().AddChain(dnat).AddChain(ingress)
            .AddElements(Inet, "publish", elements).DeleteElements(Inet, "publish", elements)
            .FlushChain(Inet, dnat.Name).FlushChain(Inet, ingress.Name).DeleteChain(Inet, dnat.Name).DeleteChain(Inet, ingress.Name);
        return (add, remove);
    }
}
