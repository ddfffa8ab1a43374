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

    /// <summary><c>ip daddr @ep-PORT-dom4-HASH tcp dport 443 counter return</c>: one rule per rule's protocol part and family.</summary>
    private static void DomainRules(CompiledEndpoint c, NftTable t, string chain, EndpointPlan plan)
    {
        foreach (var domain in plan.Domains)
        {
            foreach (var family in Families)
            {
                var name = domain.SetName(c.Endpoint.Port, family);
                AddSet(c, DomainSet(t, name, family));
                foreach (var l4 in domain.L4.Where(m => m.Family is null || m.Family == family))
                {
                    var rule = l4.Apply(NftRule.In(t, chain).InSet(AddressField(family, Direction.Egress), name)).Counter().Return();
                    c.Add(rule.Comment(Comment([$"{domain.Description}: {string.Join(", ", domain.Patterns)}"])!).Build());
                }
            }
        }
    }

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
