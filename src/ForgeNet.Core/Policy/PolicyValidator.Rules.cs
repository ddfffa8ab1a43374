using System.Net;

namespace ForgeNet.Core.Policy;

internal static partial class PolicyValidator
{
    private static IEnumerable<PolicyIssue> CheckRules(NetworkPolicy policy, EquatableArray<PolicyRule> rules, string direction, PolicyPositions positions, string root)
    {
        if (!policy.Mode.HasNetwork()) yield break;
        var key = direction == "ingress" ? "from" : "to";
        var found = new List<PolicyIssue>();
        for (var r = 0; r < rules.Count; r++)
        {
            // A policy may hold 10,000 rules: a rule's paths (strings) are made only when it has something to report.
            var rulePath = new RulePath(root, direction, r);
            CheckSelectors(policy, rules[r], direction, new SelectorPaths(positions, rulePath, key, rules[r]), found);
            CheckProtocols(rules[r], rulePath, found);
            foreach (var issue in found) yield return issue;
            found.Clear();
        }
    }

    private static void CheckSelectors(NetworkPolicy policy, PolicyRule rule, string direction, SelectorPaths paths, List<PolicyIssue> found)
    {
        var mode = policy.Mode.ToName();
        if (rule.HasNoSelector) found.Add(PolicyIssue.Error(paths.ListPath, "a rule needs at least one selector"));
        for (var i = 0; i < rule.Cidrs.Count && policy.Mode == PolicyMode.PeerOnly; i++)
            found.Add(PolicyIssue.Error(paths.Of("cidr", i), $"mode {mode} reaches only the peers its rules name, not {rule.Cidrs[i]}{AnyAddressHint(rule.Cidrs[i], paths)}; use {{peer: ...}} or {{labels: ...}}, or mode private"));
        for (var i = 0; i < rule.Domains.Count; i++)
        {
            var path = paths.Of("domain", i);
            if (direction == "ingress") found.Add(PolicyIssue.Error(path, $"domain '{rule.Domains[i]}': domains select destinations, so they belong in egress rules"));
            else if (policy.Mode != PolicyMode.Private) found.Add(PolicyIssue.Error(path, $"domain '{rule.Domains[i]}': mode {mode} has no route off the host; domains need mode private"));
            else if (!policy.Dns.ResolverAllowed) found.Add(PolicyIssue.Error(path, $"domain '{rule.Domains[i]}' needs dns: true: its addresses are learnt from the network's resolver"));
        }
        for (var i = 0; i < rule.Presets.Count; i++)
        {
            var path = paths.Of("preset", i);
            if (direction == "ingress") found.Add(PolicyIssue.Error(path, $"preset '{rule.Presets[i]}' selects destinations, so it belongs in egress rules"));
            else if (policy.Mode != PolicyMode.Private) found.Add(PolicyIssue.Error(path, $"preset '{rule.Presets[i]}': mode {mode} has no route off the host; it needs mode private"));
        }
    }

    private static string AnyAddressHint(IPNetwork network, SelectorPaths paths) =>
        network.PrefixLength == 0 && !paths.WasWritten("cidr") ? $" (a rule without '{paths.Key}' matches every address)" : "";

    // A protocol listed under protocols is already allowed on every port and type: ports or types for it are a contradiction.
    private static void CheckProtocols(PolicyRule rule, RulePath rulePath, List<PolicyIssue> found)
    {
        if (rule.Protocols.IsEmpty) return;
        for (var i = 0; i < rule.Ports.Count; i++)
        {
            if (rule.Protocols.Contains(rule.Ports[i].Protocol))
                found.Add(PolicyIssue.Error($"{rulePath}.ports[{i}]", $"'{rule.Ports[i]}': {rule.Ports[i].Protocol.ToName()} is already allowed on every port by protocols"));
        }
        foreach (var protocol in new[] { TransportProtocol.Icmp, TransportProtocol.IcmpV6 })
        {
            var types = rule.IcmpTypes.Where(t => t.Protocol == protocol).ToArray();
            for (var i = 0; i < types.Length; i++)
            {
                if (rule.Protocols.Contains(protocol))
                    found.Add(PolicyIssue.Error($"{rulePath}.{protocol.ToName()}[{i}]", $"'{types[i]}': every {protocol.ToName()} type is already allowed by protocols"));
            }
        }
    }

    /// <summary>A rule's path ("egress[3]", under the root), written out only when an issue needs it.</summary>
    private readonly record struct RulePath(string Root, string Direction, int Index)
    {
        public override string ToString() => Join(Root, $"{Direction}[{Index}]");
    }

    /// <summary>The written path of each selector; for a rule built in code, its index in the canonical order.</summary>
    private readonly struct SelectorPaths(PolicyPositions positions, RulePath rule, string key, PolicyRule policyRule)
    {
        public string ListPath => $"{rule}.{key}";

        public string Key => key;

        public string Of(string kind, int index)
        {
            var listPath = ListPath;
            return positions.SelectorPath(listPath, kind, index, $"{listPath}[{CanonicalOffset(kind) + index}]");
        }

        public bool WasWritten(string kind) => positions.SelectorPath(ListPath, kind, 0, "") != "";

        // The formatter writes cidrs, then peers, domains and presets.
        private int CanonicalOffset(string kind) => kind switch
        {
            "cidr" => 0,
            "peer" => policyRule.Cidrs.Count,
            "domain" => policyRule.Cidrs.Count + policyRule.Peers.Count,
            _ => policyRule.Cidrs.Count + policyRule.Peers.Count + policyRule.Domains.Count,
        };
    }
}
