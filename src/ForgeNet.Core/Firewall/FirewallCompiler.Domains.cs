using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Egress by domain name: a timeout set per rule's patterns and family, which the network's resolver fills with the
/// addresses of allowed names (<see cref="DomainEgress"/>), matched like any other destination; and while a policy has
/// such a rule, DNS and DNS over TLS to anything but the network's resolver is dropped first, whatever else allows it.
/// </summary>
internal static partial class FirewallCompiler
{
    /// <summary>At most this many learnt addresses per set: a sandbox that resolves names without end cannot grow kernel memory without end.</summary>
    internal const uint DomainSetSize = 65_536;

    /// <summary>A connection a domain rule let through lives on while it carries a packet at least this often, after its address expired.</summary>
    internal static readonly TimeSpan DomainFlowIdle = TimeSpan.FromHours(1);

    private const string DnsGuardComment = "domain rules: DNS only to the network's resolver";

    private static readonly L4Match DnsUdp = L4Match.Ports(TransportProtocol.Udp, [new PortRange(TransportProtocol.Udp, 53)]).Single();
    private static readonly L4Match DnsTcp = L4Match.Ports(TransportProtocol.Tcp, [new PortRange(TransportProtocol.Tcp, 53), new PortRange(TransportProtocol.Tcp, 853)]).Single();

    /// <summary>
    /// Drops DNS (udp and tcp 53) and DoT (tcp 853) that is not for the network's resolver. Routed: to any address but the
    /// gateway of the family (every address of a family the network has no gateway for). Bridged: to every peer, since the
    /// resolver is the host and never a bridge port.
    /// </summary>
    private static void DnsGuard(CompiledEndpoint c, NftTable t, string chain, EndpointPlan plan)
    {
        if (plan.Domains.Count == 0) return;
        foreach (var family in Families)
        {
            var gateway = c.Endpoint.Network.Gateways.FirstOrDefault(g => g.AddressFamily == family);
            foreach (var l4 in new[] { DnsUdp, DnsTcp })
            {
                var rule = NftRule.In(t, chain);
                rule = gateway is not null && t.Family != NftFamily.Bridge
                    ? rule.NotMatch(AddressField(family, Direction.Egress), NftValue.Address(gateway))
                    : FamilyOnly(rule, t, family);
                c.Add(l4.Apply(rule).Counter().Drop().Comment(DnsGuardComment).Build());
            }
        }
    }

    /// <summary>
    /// Per rule and family: <c>ct state established ip daddr . meta l4proto . th dport . th sport @ep-PORT-dfl4-HASH update
    /// … return</c> (a connection the rule let through goes on after its address expired, while it carries packets), then
    /// per protocol part <c>ip daddr @ep-PORT-dom4-HASH tcp dport 443 update @ep-PORT-dfl4-HASH { … } counter return</c>.
    /// </summary>
    private static void DomainRules(CompiledEndpoint c, NftTable t, string chain, EndpointPlan plan)
    {
        foreach (var domain in plan.Domains)
        {
            var comment = Comment([$"{domain.Description}: {string.Join(", ", domain.Patterns)}"])!;
            foreach (var family in Families)
            {
                var (addresses, flows) = (domain.SetName(c.Endpoint.Port, family), domain.FlowSetName(c.Endpoint.Port, family));
                var ip = family == AddressFamily.InterNetwork ? "ip" : "ip6";
                AddSet(c, DomainSet(t, addresses, family));
                AddSet(c, DomainFlowSet(t, flows, family));
                var key = NftExpr.Concat(AddressField(family, Direction.Egress), NftExpr.L4Proto, NftExpr.ThDport, NftExpr.ThSport);
                c.Add(NftRule.In(t, chain).CtState(NftCtState.Established).InSet(key, flows)
                    .Statement(Update(flows, DomainFlowIdle, (ip, "daddr"), ("meta", "l4proto"), ("th", "dport"), ("th", "sport")))
                    .Counter().Return().Comment(comment).Build());
                foreach (var l4 in domain.L4.Where(m => m.Family is null || m.Family == family))
                {
                    var rule = l4.Apply(NftRule.In(t, chain).InSet(AddressField(family, Direction.Egress), addresses));
                    // ICMP has no ports to key a flow by; its exchanges are short.
                    if (l4.Family is null)
                        rule = rule.Statement(Update(flows, DomainFlowIdle, (ip, "daddr"), ("meta", "l4proto"), ("th", "dport"), ("th", "sport")));
                    c.Add(rule.Counter().Return().Comment(comment).Build());
                }
            }
        }
    }

    /// <summary>The connections a domain rule let through: destination, protocol and both ports, for as long as they carry packets.</summary>
    private static NftSet DomainFlowSet(NftTable t, string name, AddressFamily family) =>
        NftSet.Of(t, name, family == AddressFamily.InterNetwork ? NftDataType.Ipv4Addr : NftDataType.Ipv6Addr,
            NftDataType.InetProto, NftDataType.InetService, NftDataType.InetService) with
        {
            Flags = NftSetFlags.Timeout,
            Timeout = DomainFlowIdle,
            Size = DomainSetSize,
        };

    /// <summary>An empty timeout set of addresses (no default timeout: every element carries its own).</summary>
    internal static NftSet DomainSet(NftTable t, string name, AddressFamily family) =>
        NftSet.Of(t, name, family == AddressFamily.InterNetwork ? NftDataType.Ipv4Addr : NftDataType.Ipv6Addr) with
        {
            Flags = NftSetFlags.Timeout,
            Size = DomainSetSize,
        };

    /// <summary>The element that admits <paramref name="address"/> for <paramref name="timeout"/> (whole seconds).</summary>
    internal static NftElement DomainElement(IPAddress address, TimeSpan timeout) =>
        new(NftValue.Address(address)) { Timeout = timeout };
}
