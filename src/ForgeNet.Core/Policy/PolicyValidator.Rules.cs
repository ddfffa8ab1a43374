using System.Net;

namespace ForgeNet.Core.Policy;

internal static partial class PolicyValidator
{
    private static IEnumerable<PolicyIssue> CheckRules(NetworkPolicy policy, EquatableArray<PolicyRule> rules, string direction, PolicyPositions positions, string root)
    {
        if (!policy.Mode.HasNetwork()) yield break;
        var key = direction == "ingress" ? "from" : "to";
        for (var r = 0; r < rules.Count; r++)
        {
            var rulePath = Join(root, $"{direction}[{r}]");
            var issues = CheckSelectors(policy, rules[r], direction, new SelectorPaths(positions, $"{rulePath}.{key}", rules[r]))
                .Concat(CheckProtocols(rules[r], rulePath));
            foreach (var issue in issues) yield return issue;
        }
    }

    private static IEnumerable<PolicyIssue> CheckSelectors(NetworkPolicy policy, PolicyRule rule, string direction, SelectorPaths paths)
    {
        var mode = policy.Mode.ToName();
        if (rule.HasNoSelector) yield return PolicyIssue.Error(paths.ListPath, "a rule needs at least one selector");
        for (var i = 0; i < rule.Cidrs.Count; i++)
        {
            if (policy.Mode == PolicyMode.PeerOnly)
                yield return PolicyIssue.Error(paths.Of("cidr", i), $"mode {mode} reaches only the peers its rules name, not {rule.Cidrs[i]}{AnyAddressHint(rule.Cidrs[i], paths)}; use {{peer: ...}} or {{labels: ...}}, or mode private");
        }
        for (var i = 0; i < rule.Domains.Count; i++)
        {
            var path = paths.Of("domain", i);
            if (direction == "ingress") yield return PolicyIssue.Error(path, $"domain '{rule.Domains[i]}': domains select destinations, so they belong in egress rules");
            else if (policy.Mode != PolicyMode.Private) yield return PolicyIssue.Error(path, $"domain '{rule.Domains[i]}': mode {mode} has no route off the host; domains need mode private");
            else if (!policy.Dns.ResolverAllowed) yield return PolicyIssue.Error(path, $"domain '{rule.Domains[i]}' needs dns: true: its addresses are learnt from the network's resolver");
        }
        for (var i = 0; i < rule.Presets.Count; i++)
        {
            var path = paths.Of("preset", i);
            if (direction == "ingress") yield return PolicyIssue.Error(path, $"preset '{rule.Presets[i]}' selects destinations, so it belongs in egress rules");
            else if (policy.Mode != PolicyMode.Private) yield return PolicyIssue.Error(path, $"preset '{rule.Presets[i]}': mode {mode} has no route off the host; it needs mode private");
        }
    }

    private static string AnyAddressHint(IPNetwork network, SelectorPaths paths) =>
        network.PrefixLength == 0 && !paths.WasWritten("cidr") ? $" (a rule without '{paths.Key}' matches every address)" : "";

    // A protocol listed under protocols is already allowed on every port and type: ports or types for it are a contradiction.
    private static IEnumerable<PolicyIssue> CheckProtocols(PolicyRule rule, string rulePath)
    {
        for (var i = 0; i < rule.Ports.Count; i++)
        {
            if (rule.Protocols.Contains(rule.Ports[i].Protocol))
                yield return PolicyIssue.Error($"{rulePath}.ports[{i}]", $"'{rule.Ports[i]}': {rule.Ports[i].Protocol.ToName()} is already allowed on every port by protocols");
        }
        foreach (var protocol in new[] { TransportProtocol.Icmp, TransportProtocol.IcmpV6 })
        {
            var types = rule.IcmpTypes.Where(t => t.Protocol == protocol).ToArray();
            for (var i = 0; i < types.Length; i++)
            {
                if (rule.Protocols.Contains(protocol))
                    yield return PolicyIssue.Error($"{rulePath}.{protocol.ToName()}[{i}]", $"'{types[i]}': every {protocol.ToName()} type is already allowed by protocols");
            }
        }
    }

    /// <summary>The written path of each selector; for a rule built in code, its index in the canonical order.</summary>
    private sealed class SelectorPaths(PolicyPositions positions, string listPath, PolicyRule rule)
    {
        public string ListPath { get; } = listPath;

        public string Key => ListPath[(ListPath.LastIndexOf('.') + 1)..];

        public string Of(string kind, int index) =>
            positions.SelectorPath(ListPath, kind, index, $"{ListPath}[{CanonicalOffset(kind) + index}]");

        public bool WasWritten(string kind) => positions.SelectorPath(ListPath, kind, 0, "") != "";

        // The formatter writes cidrs, then peers, domains and presets.
        private int CanonicalOffset(string kind) => kind switch
        {
            "cidr" => 0,
            "peer" => rule.Cidrs.Count,
            "domain" => rule.Cidrs.Count + rule.Peers.Count,
            _ => rule.Cidrs.Count + rule.Peers.Count + rule.Domains.Count,
        };
    }
}
