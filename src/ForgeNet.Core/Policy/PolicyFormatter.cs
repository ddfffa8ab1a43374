using System.Text;

namespace ForgeNet.Core.Policy;

/// <summary>
/// The canonical YAML of a policy: every setting explicit, keys in a fixed order, selectors grouped
/// (cidrs, peers, domains, presets). Deterministic, so golden tests and <c>forge policy show</c> can rely on it;
/// parsing the output gives an equal policy.
/// </summary>
public static partial class PolicyFormatter
{
    /// <summary>The policy as canonical YAML, ending in a newline.</summary>
    public static string Format(NetworkPolicy policy)
    {
        var yaml = new StringBuilder();
        yaml.Append("version: ").Append(PolicyParser.Version).Append('\n');
        if (policy.Description is { } description) yaml.Append("description: ").Append(YamlText.Quoted(description)).Append('\n');
        yaml.Append("mode: ").Append(policy.Mode.ToName()).Append('\n');
        if (!policy.Mode.HasNetwork()) return yaml.ToString();
        yaml.Append("dns: ").Append(Bool(policy.Dns.ResolverAllowed)).Append('\n');
        yaml.Append("anti-spoofing: ").Append(Bool(policy.AntiSpoofing)).Append('\n');
        yaml.Append("ipv6-hygiene: ").Append(Bool(policy.Ipv6Hygiene)).Append('\n');
        AppendRules(yaml, "ingress", "from", policy.Ingress);
        AppendRules(yaml, "egress", "to", policy.Egress);
        if (policy.Mode == PolicyMode.Private || !policy.Ports.IsEmpty)
            AppendList(yaml, "ports", policy.Ports.Select(p => YamlText.Scalar(p.ToString())));
        AppendLimits(yaml, policy.Limits);
        return yaml.ToString();
    }

    /// <summary>One rule as a single-line flow mapping, e.g. {to: [{cidr: 192.0.2.0/24}], ports: [443/tcp]}.</summary>
    public static string FormatRule(PolicyRule rule, string selectorKey = "to")
    {
        var parts = new List<string>();
        if (rule.Description is { } description) parts.Add($"description: {YamlText.Quoted(description)}");
        parts.Add($"{selectorKey}: [{string.Join(", ", Selectors(rule))}]");
        parts.AddRange(ProtocolEntries(rule).Select(e => $"{e.Key}: [{string.Join(", ", e.Values)}]"));
        return $"{{{string.Join(", ", parts)}}}";
    }

    private static void AppendRules(StringBuilder yaml, string key, string selectorKey, EquatableArray<PolicyRule> rules)
    {
        if (rules.IsEmpty)
        {
            yaml.Append(key).Append(": []\n");
            return;
        }
        yaml.Append(key).Append(":\n");
        foreach (var rule in rules)
        {
            // The first key of a rule opens its list item; the others line up under it.
            var lines = new List<string>();
            if (rule.Description is { } description) lines.Add($"description: {YamlText.Quoted(description)}");
            lines.Add($"{selectorKey}:");
            lines.AddRange(Selectors(rule).Select(s => $"  - {s}"));
            lines.AddRange(ProtocolEntries(rule).Select(e => $"{e.Key}: [{string.Join(", ", e.Values)}]"));
            for (var i = 0; i < lines.Count; i++) yaml.Append(i == 0 ? "  - " : "    ").Append(lines[i]).Append('\n');
        }
    }

    private static IEnumerable<string> Selectors(PolicyRule rule) =>
        rule.Cidrs.Select(c => $"{{cidr: {YamlText.FlowScalar(c.ToString())}}}")
            .Concat(rule.Peers.Select(Peer))
            .Concat(rule.Domains.Select(d => $"{{domain: {YamlText.FlowScalar(d.ToString())}}}"))
            .Concat(rule.Presets.Select(p => $"{{preset: {p.Name}}}"));

    private static string Peer(PeerSelector peer) => peer.Name is { } name
        ? $"{{peer: {YamlText.FlowScalar(name)}}}"
        : $"{{labels: {{{string.Join(", ", peer.Labels.Select(l => $"{YamlText.FlowScalar(l.Key)}: {YamlText.FlowScalar(l.Value)}"))}}}}}";

    private static IEnumerable<(string Key, IEnumerable<string> Values)> ProtocolEntries(PolicyRule rule)
    {
        if (!rule.Protocols.IsEmpty) yield return ("protocols", rule.Protocols.Select(p => p.ToName()));
        if (!rule.Ports.IsEmpty) yield return ("ports", rule.Ports.Select(p => p.ToString()));
        foreach (var protocol in new[] { TransportProtocol.Icmp, TransportProtocol.IcmpV6 })
        {
            var types = rule.IcmpTypes.Where(t => t.Protocol == protocol).Select(t => t.Name).ToArray();
            if (types.Length > 0) yield return (protocol.ToName(), types);
        }
    }

    private static void AppendList(StringBuilder yaml, string key, IEnumerable<string> items)
    {
        var list = items.ToArray();
        yaml.Append(key).Append(list.Length == 0 ? ": []\n" : ":\n");
        foreach (var item in list) yaml.Append("  - ").Append(item).Append('\n');
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
