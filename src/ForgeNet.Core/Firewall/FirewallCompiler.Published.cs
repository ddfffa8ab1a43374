using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Published ports (<c>HOST:SANDBOX/proto</c>): DNAT of connections to the host's own addresses, hairpin from other
/// sandboxes, and the host's 127.0.0.1 (route_localnet on the bridge, and masquerade, since the sandbox cannot answer
/// 127.0.0.1). NAT rules see only a connection's first packet, so each endpoint keeps its mappings in a chain of its
/// own, reached through one map keyed by protocol and host port. The DNAT'd packet then meets the sandbox's ingress
/// chain like any other: only the sandbox ports it publishes admit translated traffic, so neither a mapping nor
/// anyone else's DNAT rule opens any other port (CVE-2019-9946 was port mappings evaluated after, and so around,
/// the filter).
/// </summary>
internal static partial class FirewallCompiler
{
    /// <summary>nft's dstnat priority: before routing, so the translated destination is routed.</summary>
    public const int DestinationNatPriority = -100;

    private static readonly NftExpr FibDaddrType = new NftRawExpr("""{"fib":{"result":"type","flags":["daddr"]}}""");
    private static readonly NftExpr ProtoAndPort = NftExpr.Concat(NftExpr.L4Proto, NftExpr.ThDport);
    private static readonly NftValue LoopbackNet4 = new NftPrefix(IPAddress.Parse("127.0.0.0"), 8);

    private static void AddPublishSkeleton(NftTransaction tx, NftTable t)
    {
        tx.AddSet(NftSet.VerdictMap(t, FirewallNames.Publish, NftDataType.InetProto, NftDataType.InetService) with { Flags = NftSetFlags.Interval });
        tx.AddSet(NftSet.Of(t, FirewallNames.Subnets4, NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval });
        tx.AddSet(NftSet.Of(t, FirewallNames.Subnets6, NftDataType.Ipv6Addr) with { Flags = NftSetFlags.Interval });
        tx.AddChain(NftChain.Base(t, FirewallNames.DstNatPrerouting, NftChainType.Nat, NftHook.Prerouting, DestinationNatPriority))
            .AddChain(NftChain.Base(t, FirewallNames.DstNatOutput, NftChainType.Nat, NftHook.Output, DestinationNatPriority));
    }

    private static IEnumerable<NftRule> PublishRules(NftTable t)
    {
        foreach (var chain in new[] { FirewallNames.DstNatPrerouting, FirewallNames.DstNatOutput })
            yield return NftRule.In(t, chain).Match(FibDaddrType, NftValue.String("local")).VerdictMap(ProtoAndPort, FirewallNames.Publish).Build();
        yield return NftRule.In(t, FirewallNames.Postrouting).Match(NftExpr.IpSaddr, LoopbackNet4).InSet(NftExpr.OifName, FirewallNames.Bridges)
            .Match(NftExpr.Ct(NftCtKey.Status), NftOp.In, NftValue.String("dnat")).Counter().Masquerade().Comment("published ports: from the host's loopback").Build();
        foreach (var (field, set) in new[] { (NftExpr.IpSaddr, FirewallNames.Subnets4), (NftExpr.Ip6Saddr, FirewallNames.Subnets6) })
        {
            yield return NftRule.In(t, FirewallNames.Postrouting).Match(NftExpr.Ct(NftCtKey.Status), NftOp.In, NftValue.String("dnat"))
                .InSet(field, set).InSet(NftExpr.OifName, FirewallNames.Bridges).Counter().Masquerade().Comment("published ports: hairpin from a sandbox").Build();
        }
    }

    /// <summary>The endpoint's DNAT chain, its elements in the publish map, and the network's subnets (for hairpin NAT).</summary>
    private static void CompilePublished(CompiledEndpoint c)
    {
        var e = c.Endpoint;
        var t = FirewallNames.Inet;
        foreach (var subnet in e.Network.Subnets)
        {
            var set = subnet.Family == AddressFamily.InterNetwork ? FirewallNames.Subnets4 : FirewallNames.Subnets6;
            c.SharedElements.Add((t, set, new NftElement(NftValue.Prefix(subnet))));
        }
        if (e.Policy.Ports.IsEmpty) return;
        var chain = FirewallNames.DnatChain(e.Port);
        c.Chains.Add(NftChain.Regular(t, chain));
        foreach (var mapping in e.Policy.Ports)
        {
            foreach (var target in new[] { e.Address4, e.Address6 }.OfType<IPAddress>())
                c.Rules.AddRange(DnatRules(t, chain, mapping, target));
        }
        foreach (var protocol in e.Policy.Ports.Select(p => p.Protocol).Distinct().Order())
        {
            foreach (var range in L4Match.MergePorts(e.Policy.Ports.Where(p => p.Protocol == protocol).Select(p => p.HostPorts)))
            {
                var key = NftValue.Concat(NftValue.String(protocol.ToName()), PortValue(range.First, range.Last));
                c.MapElements.Add((t, FirewallNames.Publish, new NftElement(key, NftVerdict.Goto(chain))));
            }
        }
    }

    /// <summary>DNAT rules of one mapping to one of the sandbox's addresses; none when the mapping is for the other IP version.</summary>
    private static IEnumerable<NftRule> DnatRules(NftTable t, string chain, PortMapping mapping, IPAddress target)
    {
        var family = target.AddressFamily;
        if (mapping.HostAddress is { } only && only.AddressFamily != family) yield break;
        // IPv6 has no route_localnet: a connection from ::1 cannot be translated out of the host, so a mapping on
        // [::1] is left alone (connection refused) rather than translated into a black hole.
        if (IPAddress.IPv6Loopback.Equals(mapping.HostAddress)) yield break;
        var daddr = family == AddressFamily.InterNetwork ? NftExpr.IpDaddr : NftExpr.Ip6Daddr;
        var port = NftExpr.Payload(mapping.Protocol.ToName(), "dport");
        var comment = $"publish {mapping}";
        NftRuleBuilder Start()
        {
            var b = NftRule.In(t, chain);
            if (mapping.HostAddress is { } address && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
                return b.Match(daddr, NftValue.Address(address));
            // The same for [::1] when a mapping names no address.
            return family == AddressFamily.InterNetwork ? b.IpVersion(family) : b.NotMatch(daddr, NftValue.Address(IPAddress.IPv6Loopback));
        }
        var (host, sandbox) = (mapping.HostPorts, mapping.SandboxPorts);
        if (host.First == sandbox.First)
        {
            yield return Start().Match(port, PortValue(host.First, host.Last)).Counter().Dnat(target).Comment(comment).Build();
            yield break;
        }
        // nft 1.0.6 cannot shift a port range in one rule: one rule per port.
        for (var i = 0; i < host.Count; i++)
            yield return Start().Match(port, NftValue.Port((ushort)(host.First + i))).Counter().Dnat(target, (ushort)(sandbox.First + i)).Comment(comment).Build();
    }

    /// <summary>In the sandbox's ingress chain: translated connections to the sandbox ports it publishes are admitted.</summary>
    private static void PublishedIngress(CompiledEndpoint c, NftTable t, string chain)
    {
        var ports = c.Endpoint.Policy.Ports;
        if (ports.IsEmpty) return;
        var values = ports.Select(p => p.Protocol).Distinct().Order()
            .SelectMany(protocol => L4Match.MergePorts(ports.Where(p => p.Protocol == protocol).Select(p => p.SandboxPorts))
                .Select(r => NftValue.Concat(NftValue.String(protocol.ToName()), PortValue(r.First, r.Last))))
            .ToArray();
        c.Add(NftRule.In(t, chain).Match(NftExpr.Ct(NftCtKey.Status), NftOp.In, NftValue.String("dnat"))
            .Match(ProtoAndPort, NftValue.Set(values)).Counter().Accept().Comment("published ports").Build());
    }

    private static NftValue PortValue(int first, int last) =>
        first == last ? NftValue.Port((ushort)first) : NftValue.PortRange((ushort)first, (ushort)last);
}
