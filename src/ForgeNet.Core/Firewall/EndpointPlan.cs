using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// An endpoint's policy reduced to rule groups per direction: the mode's default (internal: every peer on the same
/// network, both ways), the resolver when <c>dns: true</c>, and the policy's rules; domain selectors apart, as
/// <see cref="DomainRule"/>s. Pure data, compared in tests.
/// </summary>
internal sealed class EndpointPlan
{
    private static readonly IpPrefix LinkLocal6 = IpPrefix.Parse("fe80::/10");

    private EndpointPlan(IReadOnlyList<RuleGroup> egress, IReadOnlyList<RuleGroup> ingress, IReadOnlyList<DomainRule> domains) =>
        (Egress, Ingress, Domains) = (egress, ingress, domains);

    public IReadOnlyList<RuleGroup> Egress { get; }

    public IReadOnlyList<RuleGroup> Ingress { get; }

    /// <summary>Egress rules by domain, each with its own timeout sets; when there is one, DNS goes to the network's resolver only.</summary>
    public IReadOnlyList<DomainRule> Domains { get; }

    /// <summary>
    /// Mode internal: the network whose peers the endpoint reaches both ways. Routed, such a peer is only ever met
    /// through the host (a published port, hairpin), and the subnet's gateway is the host itself, which internal mode
    /// does not reach: the inet table allows the subnet but its gateway.
    /// </summary>
    public FirewallNetwork? InternalPeers { get; private init; }

    /// <summary>Every sandbox name the plan's rules select, for the shared peer sets they read.</summary>
    public IEnumerable<string> Peers => Egress.Concat(Ingress).SelectMany(g => g.Peers).Distinct(StringComparer.Ordinal);

    public static EndpointPlan For(FirewallEndpoint endpoint, FirewallInputs inputs)
    {
        var policy = endpoint.Policy;
        var egress = new GroupList();
        var ingress = new GroupList();
        FirewallNetwork? internalPeers = null;
        if (policy.Mode == PolicyMode.Internal)
        {
            var description = $"mode internal: peers on network {endpoint.Network.Name}";
            var bridged = Ranges(endpoint.Network.Subnets.Append(LinkLocal6));
            egress.Add(FirewallScope.Bridged, L4Match.All, bridged, [], description);
            ingress.Add(FirewallScope.Bridged, L4Match.All, bridged, [], description);
            internalPeers = endpoint.Network;
        }
        if (policy.Dns.ResolverAllowed)
        {
            var resolver = Ranges(endpoint.Network.Gateways.Select(Host));
            foreach (var protocol in new[] { TransportProtocol.Udp, TransportProtocol.Tcp })
                egress.Add(FirewallScope.Routed, L4Match.Ports(protocol, [new PortRange(protocol, 53)]).Single(), resolver, [], "dns: the network's resolver");
        }
        for (var i = 0; i < policy.Egress.Count; i++)
            AddRule(egress, policy.Egress[i], $"egress[{i}]", inputs);
        for (var i = 0; i < policy.Ingress.Count; i++)
            AddRule(ingress, policy.Ingress[i], $"ingress[{i}]", inputs);
        return new EndpointPlan(egress.Groups, ingress.Groups, DomainRule.Of(policy)) { InternalPeers = internalPeers };
    }

    private static void AddRule(GroupList groups, PolicyRule rule, string path, FirewallInputs inputs)
    {
        var description = rule.Description ?? path;
        var l4 = groups.MatchesOf(rule);
        if (!rule.Cidrs.IsEmpty || !rule.Peers.IsEmpty)
        {
            foreach (var match in l4) groups.Group(FirewallScope.Both, match, shared: false).Add(rule.Cidrs, rule.Peers, description);
        }
        // Presets never hold a ForgeNet subnet, so they can only match routed traffic; every endpoint that uses one
        // shares its set.
        foreach (var preset in rule.Presets)
        {
            foreach (var match in l4) groups.Add(FirewallScope.Routed, match, PresetRanges.Of(preset, inputs), [], description, shared: true);
        }
    }

    /// <summary>One address as a full-length prefix.</summary>
    internal static IpPrefix Host(IPAddress address) => new(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);

    internal static (AddressRanges V4, AddressRanges V6) Ranges(IEnumerable<IpPrefix> prefixes)
    {
        var list = prefixes.ToList();
        return (AddressRanges.Of(AddressFamily.InterNetwork, list), AddressRanges.Of(AddressFamily.InterNetworkV6, list));
    }

    /// <summary>Groups in first-seen order, keyed by scope and protocol part.</summary>
    private sealed class GroupList
    {
        private static readonly L4Match[] AllProtocols = [L4Match.All];

        private readonly Dictionary<(FirewallScope, string, bool), RuleGroup> _byKey = [];

        // Many rules of a policy share one port list: its protocol parts are worked out once.
        private readonly Dictionary<(EquatableArray<TransportProtocol>, EquatableArray<PortRange>, EquatableArray<IcmpType>), L4Match[]> _matches = [];

        public List<RuleGroup> Groups { get; } = [];

        public void Add(FirewallScope scope, L4Match l4, (AddressRanges V4, AddressRanges V6) addresses, IEnumerable<string> peers,
            string description, bool shared = false) =>
            Group(scope, l4, shared).Add(addresses.V4, addresses.V6, peers, description);

        public RuleGroup Group(FirewallScope scope, L4Match l4, bool shared)
        {
            if (!_byKey.TryGetValue((scope, l4.Key, shared), out var group))
            {
                group = new RuleGroup(scope, l4) { Shared = shared };
                _byKey[(scope, l4.Key, shared)] = group;
                Groups.Add(group);
            }
            return group;
        }

        /// <summary>The protocol parts of <paramref name="rule"/> (<see cref="L4Match.Of"/>).</summary>
        public L4Match[] MatchesOf(PolicyRule rule)
        {
            if (rule.AllowsAllProtocols) return AllProtocols;
            var key = (rule.Protocols, rule.Ports, rule.IcmpTypes);
            if (!_matches.TryGetValue(key, out var matches)) _matches[key] = matches = [.. L4Match.Of(rule)];
            return matches;
        }
    }
}
