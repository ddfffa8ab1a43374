using System.Net;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>
/// Transactions shaped like a sandbox firewall's (a bridge table with per-port chains and dispatch maps, an inet table
/// with per-address maps): the skeleton, one endpoint's add (chains, peer sets, anti-spoofing and policy rules, map
/// elements) and its idempotent remove (add before delete).
/// </summary>
internal static class EndpointCorpus
{
    public static readonly NftTable Bridge = new(NftFamily.Bridge, "fnt-direct");
    public static readonly NftTable Inet = new(NftFamily.Inet, "fnt-direct");

    private static readonly NftExpr EtherType = NftExpr.Payload("ether", "type");
    private static readonly NftExpr Icmpv6Type = NftExpr.Payload("icmpv6", "type");

    public static NftTransaction Skeleton()
    {
        var tx = new NftTransaction().ReplaceTable(Bridge).ReplaceTable(Inet);
        foreach (var map in new[] { "port-l2", "port-egress", "port-ingress" })
            tx.AddSet(NftSet.VerdictMap(Bridge, map, NftDataType.IfName));
        tx.AddSet(NftSet.Of(Bridge, "flows4", NftDataType.Ipv4Addr, NftDataType.Ipv4Addr, NftDataType.InetProto, NftDataType.InetService, NftDataType.InetService)
            with { Flags = NftSetFlags.Timeout, Timeout = TimeSpan.FromDays(1), Size = 262_144 });
        tx.AddChain(NftChain.Base(Bridge, "forward", NftChainType.Filter, NftHook.Forward, -200))
            .AddChain(NftChain.Regular(Bridge, "peer-reply")).AddChain(NftChain.Regular(Bridge, "peer-in"));
        tx.AddRule(NftRule.In(Bridge, "forward").VerdictMap(NftExpr.IifName, "port-egress").Build());
        foreach (var map in new[] { "egress4", "ingress4" })
            tx.AddSet(NftSet.VerdictMap(Inet, map, NftDataType.Ipv4Addr));
        foreach (var map in new[] { "egress6", "ingress6" })
            tx.AddSet(NftSet.VerdictMap(Inet, map, NftDataType.Ipv6Addr));
        tx.AddSet(NftSet.VerdictMap(Inet, "bridged", NftDataType.IfName, NftDataType.IfName))
            .AddSet(NftSet.Of(Inet, "bridges", NftDataType.IfName))
            .AddSet(NftSet.Of(Inet, "confined4", NftDataType.Ipv4Addr));
        tx.AddChain(NftChain.Base(Inet, "forward", NftChainType.Filter, NftHook.Forward, -10))
            .AddChain(NftChain.Regular(Inet, "in-check"));
        return tx;
    }

    public static (NftTransaction Add, NftTransaction Remove) Endpoint(int i)
    {
        var port = $"fv{i:x10}";
        var ip4 = IPAddress.Parse($"10.89.{i >> 8 & 255}.{i & 255}");
        var ll6 = IPAddress.Parse($"fe80::c8:4dff:fe30:{i & 0xffff:x}");
        var mac = $"02:c8:4d:30:{i >> 8 & 255:x2}:{i & 255:x2}";
        var chains = new[]
        {
            NftChain.Regular(Bridge, $"ep-{port}-l2"), NftChain.Regular(Bridge, $"ep-{port}-eg"), NftChain.Regular(Bridge, $"ep-{port}-in"),
            NftChain.Regular(Inet, $"ep-{port}-eg"), NftChain.Regular(Inet, $"ep-{port}-in"),
        };
        var peerSets = new[] { Bridge, Inet }.SelectMany(t => new[]
        {
            NftSet.Of(t, $"peer4-s{i}", NftDataType.Ipv4Addr), NftSet.Of(t, $"peer6-s{i}", NftDataType.Ipv6Addr),
        }).ToArray();
        var elements = new List<(NftTable Table, string Map, NftElement Element)>
        {
            (Bridge, "port-l2", new(NftValue.IfName(port), NftVerdict.Goto(chains[0].Name))),
            (Bridge, "port-egress", new(NftValue.IfName(port), NftVerdict.Goto(chains[1].Name))),
            (Bridge, "port-ingress", new(NftValue.IfName(port), NftVerdict.Goto(chains[2].Name))),
            (Inet, "egress4", new(NftValue.Address(ip4), NftVerdict.Goto(chains[3].Name))),
            (Inet, "ingress4", new(NftValue.Address(ip4), NftVerdict.Goto(chains[4].Name))),
            (Inet, "egress6", new(NftValue.Address(ll6), NftVerdict.Goto(chains[3].Name))),
            (Inet, "ingress6", new(NftValue.Address(ll6), NftVerdict.Goto(chains[4].Name))),
            (Inet, "confined4", new(NftValue.Address(ip4))),
        };
        var peers = peerSets.Select(s => (s.Table, s.Name, new NftElement(NftValue.Address(s.Name.StartsWith("peer4", StringComparison.Ordinal) ? ip4 : ll6)))).ToList();

        var add = new NftTransaction();
        foreach (var set in peerSets) add.AddSet(set);
        foreach (var chain in chains) add.AddChain(chain).FlushChain(chain.Table, chain.Name);
        foreach (var rule in Rules(chains, mac, ip4, ll6)) add.AddRule(rule);
        foreach (var (t, map, e) in elements.Concat(peers)) add.AddElements(t, map, e);
        add.AddElements(Inet, "bridged", new NftElement(NftValue.Concat(NftValue.IfName("fn-7860b758"), NftValue.IfName("fn-7860b758")), NftVerdict.Accept))
            .AddElements(Inet, "bridges", new NftElement(NftValue.IfName("fn-7860b758")));

        var remove = new NftTransaction();
        foreach (var chain in chains) remove.AddChain(chain);
        foreach (var (t, map, e) in elements) remove.AddElements(t, map, e);
        foreach (var (t, map, e) in elements) remove.DeleteElements(t, map, e);
        foreach (var set in peerSets) remove.AddSet(set);
        foreach (var (t, set, e) in peers) remove.AddElements(t, set, e).DeleteElements(t, set, e);
        foreach (var chain in chains) remove.FlushChain(chain.Table, chain.Name);
        foreach (var chain in chains) remove.DeleteChain(chain.Table, chain.Name);
        return (add, remove);
    }

    private static IEnumerable<NftRule> Rules(NftChain[] c, string mac, IPAddress ip4, IPAddress ll6)
    {
        NftRule Drop(NftChain chain, Func<NftRuleBuilder, NftRuleBuilder> m, string comment) =>
            m(NftRule.In(chain.Table, chain.Name)).Counter().Drop().Comment(comment).Build();
        var macValue = NftValue.String(mac);
        yield return Drop(c[0], b => b.NotMatch(NftExpr.Payload("ether", "saddr"), macValue), "anti-spoofing: foreign MAC");
        yield return Drop(c[0], b => b.NotMatch(EtherType, NftValue.Set(NftValue.String("ip"), NftValue.String("ip6"), NftValue.String("arp"))), "anti-spoofing: not IP or ARP");
        yield return Drop(c[0], b => b.Match(EtherType, NftValue.String("arp")).NotMatch(NftExpr.Payload("arp", "saddr ether"), macValue), "anti-spoofing: ARP from a foreign MAC");
        yield return Drop(c[0], b => b.Match(EtherType, NftValue.String("arp")).NotMatch(NftExpr.Payload("arp", "saddr ip"), NftValue.Address(ip4)), "anti-spoofing: ARP for a foreign address");
        yield return Drop(c[0], b => b.NotMatch(NftExpr.IpSaddr, NftValue.Address(ip4)), "anti-spoofing: foreign IPv4 source");
        yield return Drop(c[0], b => b.NotMatch(NftExpr.Ip6Saddr, NftValue.Set(NftValue.Address(ll6), NftValue.Address(IPAddress.IPv6None))), "anti-spoofing: foreign IPv6 source");
        yield return Drop(c[0], b => b.Match(Icmpv6Type, NftValue.Set(NftValue.String("nd-router-advert"), NftValue.String("nd-redirect"))), "ipv6-hygiene: router advertisement or redirect");
        var target = NftValue.String("0x" + Convert.ToHexStringLower(ll6.GetAddressBytes()));
        yield return Drop(c[0], b => b.Match(Icmpv6Type, NftValue.String("nd-neighbor-advert"))
            .NotMatch(new NftRawExpr("""{"payload":{"base":"th","offset":64,"len":128}}"""), NftValue.Set(target)), "ipv6-hygiene: neighbour advertisement for a foreign address");
        yield return NftRule.In(c[1].Table, c[1].Name).Jump("peer-reply").Build();
        yield return NftRule.In(c[1].Table, c[1].Name).Match(NftExpr.IpDaddr, NftValue.Prefix(IpPrefix.Parse("10.89.0.0/20"))).Counter().Goto("peer-in").Comment("mode internal: peers on network bench").Build();
        yield return NftRule.In(c[1].Table, c[1].Name).Match(NftExpr.Ip6Daddr, NftValue.Prefix(IpPrefix.Parse("fe80::/10"))).Counter().Goto("peer-in").Comment("mode internal: peers on network bench").Build();
        foreach (var chain in c.Skip(1))
            yield return NftRule.In(chain.Table, chain.Name).Counter().Drop().Comment("default deny").Build();
    }
}
