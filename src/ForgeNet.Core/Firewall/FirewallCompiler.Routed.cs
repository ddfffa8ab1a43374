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
        EmitGroups(c, t, egress, plan.Egress, FirewallScope.Routed, Direction.Egress, NftVerdict.Goto(FirewallNames.InCheck));
        c.Add(DefaultDrop(t, egress));
        PublishedIngress(c, t, ingress);
        EmitGroups(c, t, ingress, plan.Ingress, FirewallScope.Routed, Direction.Ingress, NftVerdict.Accept);
        c.Add(DefaultDrop(t, ingress));

        foreach (var family in Families)
        {
            var (egressMap, ingressMap) = family == AddressFamily.InterNetwork
                ? (FirewallNames.Egress4, FirewallNames.Ingress4)
                : (FirewallNames.Egress6, FirewallNames.Ingress6);
            foreach (var address in e.AddressesOf(family))
            {
                c.MapElements.Add((t, egressMap, new NftElement(NftValue.Address(address), NftVerdict.Goto(egress))));
                c.MapElements.Add((t, ingressMap, new NftElement(NftValue.Address(address), NftVerdict.Goto(ingress))));
            }
        }
        c.SharedElements.Add((t, FirewallNames.Bridged, BridgedElement(e.Network)));
        c.SharedElements.Add((t, FirewallNames.Bridges, new NftElement(NftValue.IfName(e.Network.Bridge))));
        c.SharedElements.Add((t, FirewallNames.BridgeMacs, new NftElement(NftValue.String(e.Network.BridgeMac))));
        CompileNat(c);
        CompilePublished(c);
        foreach (var table in FirewallNames.Tables)
        {
            foreach (var family in Families)
            {
                foreach (var address in e.AddressesOf(family))
                    c.PeerElements.Add((table, FirewallNames.PeerSet(e.SandboxName, family), new NftElement(NftValue.Address(address))));
            }
        }
    }

    /// <summary>The element that marks frames between two ports of a bridge, seen by inet hooks through br_netfilter, as the bridge table's business.</summary>
    private static NftElement BridgedElement(FirewallNetwork network) =>
        new(NftValue.Concat(NftValue.IfName(network.Bridge), NftValue.IfName(network.Bridge)), NftVerdict.Accept);

    /// <summary>The two peer sets (IPv4, IPv6) of a sandbox name in one table.</summary>
    private static IEnumerable<NftSet> PeerSets(NftTable table, string sandbox) =>
    [
        NftSet.Of(table, FirewallNames.PeerSet(sandbox, AddressFamily.InterNetwork), NftDataType.Ipv4Addr),
        NftSet.Of(table, FirewallNames.PeerSet(sandbox, AddressFamily.InterNetworkV6), NftDataType.Ipv6Addr),
    ];
}
