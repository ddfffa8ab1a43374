using System.Net.Sockets;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// The inet table's per-endpoint chains: what the sandbox may open through the host (routed, or to the host itself)
/// and what may open connections to it (from the host, from outside, from sandboxes on other networks). The sandbox
/// is found by its address, which anti-spoofing makes trustworthy.
/// </summary>
internal static partial class FirewallCompiler
{
    private static void CompileRouted(CompiledEndpoint c, EndpointPlan plan)
    {
        var t = FirewallNames.Inet;
        var e = c.Endpoint;
        var (egress, ingress) = (FirewallNames.EgressChain(e.Port), FirewallNames.IngressChain(e.Port));
        c.Chains.AddRange([NftChain.Regular(t, egress), NftChain.Regular(t, ingress)]);
        ConnectionLimitRouted(c, t, egress);
        DnsGuard(c, t, egress, plan);
        // Allowed: back to the dispatching chain, which then looks up the destination's ingress chain (if it is a sandbox).
        InternalPeersRouted(c, t, egress, plan, Direction.Egress, NftVerdict.Return);
        EmitGroups(c, t, egress, plan.Egress, FirewallScope.Routed, Direction.Egress, NftVerdict.Return);
        DomainRules(c, t, egress, plan);
        c.Add(DefaultDrop(t, egress));
        PublishedIngress(c, t, ingress);
        InternalPeersRouted(c, t, ingress, plan, Direction.Ingress, NftVerdict.Accept);
        EmitGroups(c, t, ingress, plan.Ingress, FirewallScope.Routed, Direction.Ingress, NftVerdict.Accept);
        c.Add(DefaultDrop(t, ingress));

        foreach (var family in Families)
        {
            var (egressMap, ingressMap) = family == AddressFamily.InterNetwork
                ? (FirewallNames.Egress4, FirewallNames.Ingress4)
                : (FirewallNames.Egress6, FirewallNames.Ingress6);
            foreach (var address in e.AddressesOf(family))
            {
                c.MapElements.Add((t, egressMap, new NftElement(NftValue.Address(address), NftVerdict.Jump(egress))));
                c.MapElements.Add((t, ingressMap, new NftElement(NftValue.Address(address), NftVerdict.Goto(ingress))));
            }
        }
        c.SharedElements.Add((t, FirewallNames.Bridged, BridgedElement(e.Network)));
        c.SharedElements.Add((t, FirewallNames.Bridges, new NftElement(NftValue.IfName(e.Network.Bridge))));
        c.SharedElements.Add((t, FirewallNames.BridgeMacs, new NftElement(NftValue.String(e.Network.BridgeMac))));
        CompileNat(c);
        CompilePublished(c);
    }

    /// <summary><c>ip daddr 10.89.0.0/24 ip daddr != 10.89.0.1</c>: the network's peers, but not the host's gateway address.</summary>
    private static void InternalPeersRouted(CompiledEndpoint c, NftTable t, string chain, EndpointPlan plan, Direction direction, NftVerdict allow)
    {
        if (plan.InternalPeers is not { } network) return;
        foreach (var subnet in network.Subnets)
        {
            var field = AddressField(subnet.Family, direction);
            var rule = NftRule.In(t, chain).Match(field, NftValue.Prefix(subnet));
            foreach (var gateway in network.Gateways.Where(g => g.AddressFamily == subnet.Family))
                rule = rule.NotMatch(field, NftValue.Address(gateway));
            c.Add(rule.Counter().Verdict(allow).Comment($"mode internal: peers on network {network.Name}").Build());
        }
    }

    /// <summary>The element that marks frames between two ports of a bridge, seen by inet hooks through br_netfilter, as the bridge table's business.</summary>
    private static NftElement BridgedElement(FirewallNetwork network) =>
        new(NftValue.Concat(NftValue.IfName(network.Bridge), NftValue.IfName(network.Bridge)), NftVerdict.Accept);

    /// <summary>The two peer sets (IPv4, IPv6) of a sandbox name in one table, with the given members.</summary>
    private static IEnumerable<NftSet> PeerSets(NftTable table, string sandbox, IReadOnlyList<System.Net.IPAddress> members) =>
        Families.Select(family => NftSet.Of(table, FirewallNames.PeerSet(sandbox, family), family == AddressFamily.InterNetwork ? NftDataType.Ipv4Addr : NftDataType.Ipv6Addr) with
        {
            Elements = [.. members.Where(a => a.AddressFamily == family).Select(a => new NftElement(NftValue.Address(a)))],
        });
}
