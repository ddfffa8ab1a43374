using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// The shared part of both tables: base chains, dispatch maps and the bridge's flow sets. Base chains accept by
/// policy, so traffic that involves no sandbox is untouched; only a sandbox's own chains drop.
/// </summary>
internal static partial class FirewallCompiler
{
    /// <summary>Before anything else on the bridge, so a spoofed frame never reaches conntrack or another table.</summary>
    public const int BridgePreroutingPriority = -300;

    /// <summary>The bridge's filter priority.</summary>
    public const int BridgeForwardPriority = -200;

    /// <summary>Just before the usual filter chains (priority 0), after DNAT (-100): the destination checked is the translated one.</summary>
    public const int InetFilterPriority = -10;

    private static readonly TimeSpan TcpFlowTimeout = TimeSpan.FromDays(1);
    private static readonly TimeSpan UdpFlowTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PairTimeout = TimeSpan.FromMinutes(5);
    private const uint FlowSetSize = 262_144;

    private static readonly string[] NeighbourDiscovery =
    [
        "nd-router-solicit", "nd-neighbor-solicit", "nd-neighbor-advert",
        "mld-listener-query", "mld-listener-report", "mld-listener-done", "mld2-listener-report",
    ];

    private static void AddSkeleton(NftTransaction tx)
    {
        AddBridgeSkeleton(tx);
        AddInetSkeleton(tx);
    }

    private static void AddBridgeSkeleton(NftTransaction tx)
    {
        var t = FirewallNames.Bridge;
        tx.ReplaceTable(t);
        foreach (var map in new[] { FirewallNames.PortL2, FirewallNames.PortEgress, FirewallNames.PortIngress })
            tx.AddSet(NftSet.VerdictMap(t, map, NftDataType.IfName));
        tx.AddSet(NftSet.Of(t, FirewallNames.Ports, NftDataType.IfName));
        foreach (var (name, family) in new[] { (FirewallNames.Flows4, NftDataType.Ipv4Addr), (FirewallNames.Flows6, NftDataType.Ipv6Addr) })
            tx.AddSet(FlowSet(t, name, TcpFlowTimeout, family, family, NftDataType.InetProto, NftDataType.InetService, NftDataType.InetService));
        foreach (var (name, family) in new[] { (FirewallNames.Pairs4, NftDataType.Ipv4Addr), (FirewallNames.Pairs6, NftDataType.Ipv6Addr) })
            tx.AddSet(FlowSet(t, name, PairTimeout, family, family));
        tx.AddChain(NftChain.Base(t, "prerouting", NftChainType.Filter, NftHook.Prerouting, BridgePreroutingPriority))
            .AddChain(NftChain.Base(t, "forward", NftChainType.Filter, NftHook.Forward, BridgeForwardPriority))
            .AddChain(NftChain.Regular(t, FirewallNames.PeerReply))
            .AddChain(NftChain.Regular(t, FirewallNames.Flow));
        // br_netfilter (when active) bridges a frame addressed to the host after DNAT sent it to a peer (hairpin);
        // it then runs the inet forward hook on it, after this chain: the inet table judges it, with conntrack.
        tx.AddRule(NftRule.In(t, "prerouting").VerdictMap(NftExpr.IifName, FirewallNames.PortL2).Build())
            .AddRule(NftRule.In(t, "forward").Match(NftExpr.Meta(NftMetaKey.PktType), NftValue.String("host")).Counter().Accept()
                .Comment("addressed to the host, bridged after DNAT: judged by the inet table").Build())
            .AddRule(NftRule.In(t, "forward").VerdictMap(NftExpr.IifName, FirewallNames.PortEgress).Build())
            .AddRule(NftRule.In(t, "forward").VerdictMap(NftExpr.OifName, FirewallNames.PortIngress).Build())
            .AddRule(NftRule.In(t, "forward").InSet(NftExpr.IifName, FirewallNames.Ports).Counter().Drop().Comment("to a port that is no sandbox's").Build());
        foreach (var rule in PeerReplyRules(t)) tx.AddRule(rule);
        foreach (var rule in FlowRules(t)) tx.AddRule(rule);
    }

    private static NftSet FlowSet(NftTable t, string name, TimeSpan timeout, params NftDataType[] key) =>
        NftSet.Of(t, name, key) with { Flags = NftSetFlags.Timeout, Timeout = timeout, Size = FlowSetSize };

    /// <summary>
    /// What passes between peers before any policy: ARP and neighbour discovery (already checked per port), and replies.
    /// The bridge family has no conntrack on this kernel (nf_conntrack_bridge is not built; <c>ct</c> there is EPROTO),
    /// so the flow chain records the reply tuple of every allowed packet in a timeout set, and a frame whose own tuple
    /// is there is a reply.
    /// </summary>
    private static IEnumerable<NftRule> PeerReplyRules(NftTable t)
    {
        var chain = FirewallNames.PeerReply;
        NftRuleBuilder R() => NftRule.In(t, chain);
        var tcpUdp = new[] { NftL4Proto.Tcp, NftL4Proto.Udp };
        yield return R().Match(EtherType, NftValue.String("arp")).Counter().Accept().Build();
        yield return R().Match(Icmpv6Type, Names(NeighbourDiscovery)).Counter().Accept().Build();
        yield return R().L4Proto(tcpUdp).InSet(NftExpr.Concat(NftExpr.IpSaddr, NftExpr.IpDaddr, NftExpr.L4Proto, NftExpr.ThSport, NftExpr.ThDport), FirewallNames.Flows4).Counter().Accept().Build();
        yield return R().L4Proto(tcpUdp).InSet(NftExpr.Concat(NftExpr.Ip6Saddr, NftExpr.Ip6Daddr, NftExpr.L4Proto, NftExpr.ThSport, NftExpr.ThDport), FirewallNames.Flows6).Counter().Accept().Build();
        yield return R().Match(NftExpr.Payload("icmp", "type"), Names("echo-reply", "destination-unreachable", "time-exceeded", "parameter-problem"))
            .InSet(NftExpr.Concat(NftExpr.IpSaddr, NftExpr.IpDaddr), FirewallNames.Pairs4).Counter().Accept().Build();
        yield return R().Match(Icmpv6Type, Names("echo-reply", "destination-unreachable", "packet-too-big", "time-exceeded", "parameter-problem"))
            .InSet(NftExpr.Concat(NftExpr.Ip6Saddr, NftExpr.Ip6Daddr), FirewallNames.Pairs6).Counter().Accept().Build();
    }

    /// <summary>Records the reply tuple (and the address pair, for ICMP replies and errors) of an allowed packet, then accepts it.</summary>
    private static IEnumerable<NftRule> FlowRules(NftTable t)
    {
        var chain = FirewallNames.Flow;
        yield return NftRule.In(t, chain).Match(EtherType, NftValue.String("ip")).Statement(Update(FirewallNames.Pairs4, null, ("ip", "daddr"), ("ip", "saddr"))).Build();
        yield return NftRule.In(t, chain).Match(EtherType, NftValue.String("ip6")).Statement(Update(FirewallNames.Pairs6, null, ("ip6", "daddr"), ("ip6", "saddr"))).Build();
        foreach (var (proto, timeout) in new[] { (NftL4Proto.Tcp, TcpFlowTimeout), (NftL4Proto.Udp, UdpFlowTimeout) })
        {
            foreach (var (ip, set) in new[] { ("ip", FirewallNames.Flows4), ("ip6", FirewallNames.Flows6) })
            {
                yield return NftRule.In(t, chain).Match(EtherType, NftValue.String(ip)).L4Proto(proto)
                    .Statement(Update(set, timeout, (ip, "daddr"), (ip, "saddr"), ("meta", "l4proto"), ("th", "dport"), ("th", "sport"))).Build();
            }
        }
        yield return NftRule.In(t, chain).Counter().Accept().Build();
    }

    /// <summary><c>update @set { a . b … [timeout T] }</c>: the model has no set statement, so it is written as nft's JSON.</summary>
    private static NftRawStatement Update(string set, TimeSpan? timeout, params (string Protocol, string Field)[] parts)
    {
        var fields = parts.Select(p => p.Protocol == "meta"
            ? "{\"meta\":{\"key\":\"" + p.Field + "\"}}"
            : "{\"payload\":{\"protocol\":\"" + p.Protocol + "\",\"field\":\"" + p.Field + "\"}}");
        var val = "{\"concat\":[" + string.Join(",", fields) + "]}";
        var elem = timeout is { } t ? "{\"elem\":{\"val\":" + val + ",\"timeout\":" + (long)t.TotalSeconds + "}}" : val;
        return new NftRawStatement("{\"set\":{\"op\":\"update\",\"elem\":" + elem + ",\"set\":\"@" + set + "\"}}");
    }

    private static NftValue Names(params string[] names) => NftValue.Set([.. names.Select(NftValue.String)]);

    private static void AddInetSkeleton(NftTransaction tx)
    {
        var t = FirewallNames.Inet;
        tx.ReplaceTable(t);
        tx.AddSet(NftSet.VerdictMap(t, FirewallNames.Egress4, NftDataType.Ipv4Addr))
            .AddSet(NftSet.VerdictMap(t, FirewallNames.Egress6, NftDataType.Ipv6Addr))
            .AddSet(NftSet.VerdictMap(t, FirewallNames.Ingress4, NftDataType.Ipv4Addr))
            .AddSet(NftSet.VerdictMap(t, FirewallNames.Ingress6, NftDataType.Ipv6Addr))
            .AddSet(NftSet.VerdictMap(t, FirewallNames.Bridged, NftDataType.IfName, NftDataType.IfName));
        AddNatSets(tx, t);
        foreach (var hook in new[] { NftHook.Forward, NftHook.Input, NftHook.Output })
            tx.AddChain(NftChain.Base(t, NftNamesOf(hook), NftChainType.Filter, hook, InetFilterPriority));
        tx.AddChain(NftChain.Regular(t, FirewallNames.Route));
        AddNatChains(tx, t);
        AddPublishSkeleton(tx, t);
        foreach (var rule in ConfinementRules(t)) tx.AddRule(rule);
        foreach (var rule in InetRules(t)) tx.AddRule(rule);
        foreach (var rule in NatRules(t)) tx.AddRule(rule);
        foreach (var rule in PublishRules(t)) tx.AddRule(rule);
    }

    private static IEnumerable<NftRule> InetRules(NftTable t)
    {
        foreach (var chain in new[] { "forward", "input", "output" })
        {
            yield return NftRule.In(t, chain).Match(NftExpr.Ct(NftCtKey.Direction), NftValue.String("reply")).Counter().Accept().Build();
            yield return NftRule.In(t, chain).CtState(NftCtState.Related).Counter().Accept().Build();
        }
        // A DNAT'd packet is routed even when it leaves through the bridge it came in on (hairpin), and so is one a
        // sandbox addressed to the host's MAC. Only frames between two ports, which br_netfilter (when active) shows
        // here too, are left to the bridge table.
        yield return NftRule.In(t, "forward").Match(NftExpr.Ct(NftCtKey.Status), NftOp.In, NftValue.String("dnat")).Goto(FirewallNames.Route).Build();
        yield return NftRule.In(t, "forward").InSet(NftExpr.Payload("ether", "daddr"), FirewallNames.BridgeMacs).Goto(FirewallNames.Route).Build();
        yield return NftRule.In(t, "forward").VerdictMap(NftExpr.Concat(NftExpr.IifName, NftExpr.OifName), FirewallNames.Bridged).Build();
        yield return NftRule.In(t, "forward").Goto(FirewallNames.Route).Build();
        foreach (var chain in new[] { "input", "output" })
            yield return NftRule.In(t, chain).Match(Icmpv6Type, Names(NeighbourDiscovery)).Counter().Accept().Build();
        // The source's egress chain (jumped to: it returns when it allows), then the destination's ingress chain. Kept
        // side by side here rather than chained: the kernel validates every path through jumps and verdict maps on
        // each commit, and an egress chain that went on to the ingress map would make that quadratic in sandboxes.
        foreach (var chain in new[] { "input", FirewallNames.Route })
        {
            yield return NftRule.In(t, chain).VerdictMap(NftExpr.IpSaddr, FirewallNames.Egress4).Build();
            yield return NftRule.In(t, chain).VerdictMap(NftExpr.Ip6Saddr, FirewallNames.Egress6).Build();
        }
        foreach (var chain in new[] { FirewallNames.Route, "output" })
        {
            yield return NftRule.In(t, chain).VerdictMap(NftExpr.IpDaddr, FirewallNames.Ingress4).Build();
            yield return NftRule.In(t, chain).VerdictMap(NftExpr.Ip6Daddr, FirewallNames.Ingress6).Build();
        }
    }

    private static string NftNamesOf(NftHook hook) => hook.ToString().ToLowerInvariant();
}
