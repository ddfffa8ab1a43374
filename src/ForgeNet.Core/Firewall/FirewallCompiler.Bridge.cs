using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// The bridge table's per-endpoint chains: layer-2 hygiene for everything the port sends (anti-spoofing, IPv6
/// hygiene), and the peer policy for frames between two ports of one bridge (egress of the sender, then ingress of
/// the receiver).
/// </summary>
internal static partial class FirewallCompiler
{
    private static readonly NftExpr EtherSaddr = NftExpr.Payload("ether", "saddr");
    private static readonly NftExpr ArpSenderMac = NftExpr.Payload("arp", "saddr ether");
    private static readonly NftExpr ArpSenderIp = NftExpr.Payload("arp", "saddr ip");
    private static readonly NftExpr Icmpv6Type = NftExpr.Payload("icmpv6", "type");

    // nft 1.0.6 has no name for the target of a neighbour advertisement: it sits 8 bytes into the ICMPv6 header.
    private static readonly NftExpr NdTarget = new NftRawExpr("""{"payload":{"base":"th","offset":64,"len":128}}""");

    private static void CompileBridge(CompiledEndpoint c, EndpointPlan plan)
    {
        var t = FirewallNames.Bridge;
        var port = c.Endpoint.Port;
        var (l2, egress, ingress) = (FirewallNames.L2Chain(port), FirewallNames.EgressChain(port), FirewallNames.IngressChain(port));
        c.Chains.AddRange([NftChain.Regular(t, l2), NftChain.Regular(t, egress), NftChain.Regular(t, ingress)]);
        if (c.Endpoint.Policy.AntiSpoofing) AntiSpoofing(c, t, l2);
        if (c.Endpoint.Policy.Ipv6Hygiene) Ipv6Hygiene(c, t, l2);
        PacketLimit(c, t, l2);

        c.Add(NftRule.In(t, egress).Jump(FirewallNames.PeerReply).Build());
        ConnectionLimitBridged(c, t, egress);
        DnsGuard(c, t, egress, plan);
        // Allowed: back to the forward chain, which then looks up the receiving port's ingress chain.
        EmitGroups(c, t, egress, plan.Egress, FirewallScope.Bridged, Direction.Egress, NftVerdict.Return);
        c.Add(DefaultDrop(t, egress));
        EmitGroups(c, t, ingress, plan.Ingress, FirewallScope.Bridged, Direction.Ingress, NftVerdict.Goto(FirewallNames.Flow));
        c.Add(DefaultDrop(t, ingress));

        var key = NftValue.IfName(port);
        c.MapElements.Add((t, FirewallNames.PortL2, new NftElement(key, NftVerdict.Goto(l2))));
        c.MapElements.Add((t, FirewallNames.PortEgress, new NftElement(key, NftVerdict.Jump(egress))));
        c.MapElements.Add((t, FirewallNames.PortIngress, new NftElement(key, NftVerdict.Goto(ingress))));
        c.MapElements.Add((t, FirewallNames.Ports, new NftElement(key)));
    }

    /// <summary>
    /// Only the sandbox's MAC, its addresses (IPv6: its link-local, and :: for duplicate address detection) and IP or
    /// ARP. "Not one of these" is written as several != matches in one rule rather than an anonymous set: every such
    /// set is a set in the kernel's table, whose sets the kernel looks up by name in a list, and thousands of them
    /// (one per endpoint) would make every later change slower.
    /// </summary>
    private static void AntiSpoofing(CompiledEndpoint c, NftTable t, string chain)
    {
        var e = c.Endpoint;
        var mac = NftValue.String(e.Mac);
        c.Add(Drop(t, chain, b => b.NotMatch(EtherSaddr, mac), "anti-spoofing: foreign MAC"));
        c.Add(Drop(t, chain, b => NotAny(b, EtherType, ["ip", "ip6", "arp"]), "anti-spoofing: not IP or ARP"));
        c.Add(Drop(t, chain, b => b.Match(EtherType, NftValue.String("arp")).NotMatch(ArpSenderMac, mac), "anti-spoofing: ARP from a foreign MAC"));
        if (e.Address4 is { } a4)
        {
            c.Add(Drop(t, chain, b => b.Match(EtherType, NftValue.String("arp")).NotMatch(ArpSenderIp, NftValue.Address(a4)), "anti-spoofing: ARP for a foreign address"));
            c.Add(Drop(t, chain, b => b.NotMatch(NftExpr.IpSaddr, NftValue.Address(a4)), "anti-spoofing: foreign IPv4 source"));
        }
        else
        {
            foreach (var type in new[] { "ip", "arp" })
                c.Add(Drop(t, chain, b => b.Match(EtherType, NftValue.String(type)), "anti-spoofing: no IPv4 address"));
        }
        var sources = e.Addresses6.Append(IPAddress.IPv6None).Select(NftValue.Address);
        c.Add(Drop(t, chain, b => sources.Aggregate(b, (r, a) => r.NotMatch(NftExpr.Ip6Saddr, a)), "anti-spoofing: foreign IPv6 source"));
    }

    /// <summary>No router advertisements or redirects, and neighbour advertisements only for the sandbox's own addresses.</summary>
    private static void Ipv6Hygiene(CompiledEndpoint c, NftTable t, string chain)
    {
        foreach (var type in new[] { "nd-router-advert", "nd-redirect" })
            c.Add(Drop(t, chain, b => b.Match(Icmpv6Type, NftValue.String(type)), "ipv6-hygiene: router advertisement or redirect"));
        var own = c.Endpoint.Addresses6.Select(a => NftValue.String("0x" + Convert.ToHexStringLower(a.GetAddressBytes())));
        c.Add(Drop(t, chain, b => own.Aggregate(b.Match(Icmpv6Type, NftValue.String("nd-neighbor-advert")), (r, a) => r.NotMatch(NdTarget, a)),
            "ipv6-hygiene: neighbour advertisement for a foreign address"));
    }

    private static NftRuleBuilder NotAny(NftRuleBuilder b, NftExpr field, string[] values) =>
        values.Aggregate(b, (r, v) => r.NotMatch(field, NftValue.String(v)));

    private static NftRule Drop(NftTable t, string chain, Func<NftRuleBuilder, NftRuleBuilder> match, string comment) =>
        match(NftRule.In(t, chain)).Counter().Drop().Comment(comment).Build();

    private static NftRule DefaultDrop(NftTable t, string chain) =>
        NftRule.In(t, chain).Counter().Drop().Comment("default deny").Build();
}
