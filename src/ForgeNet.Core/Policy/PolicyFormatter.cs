using System.Text;

namespace ForgeNet.Core.Policy;

/// <summary>
/// The canonical YAML of a policy: every setting explicit, keys in a fixed order, selectors grouped
/// (cidrs, peers, domains, presets). Deterministic, so golden tests and <c>forge policy show</c> can rely on it;
/// parsing the output gives an equal policy. Written straight into one builder: the store keeps this text on every
/// policy change, and a policy of 10,000 rules must not cost tens of thousands of intermediate lists and strings.
/// </summary>
public static partial class PolicyFormatter
{
    /// <summary>The policy as canonical YAML, ending in a newline.</summary>
    public static string Format(NetworkPolicy policy)
    {
        // Not presized: grown in chunks, the builder of a 10,000-rule text stays off the large object heap, whose
        // allocations bring on full garbage collections; only the text itself goes there.
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
        {
            yaml.Append("ports").Append(policy.Ports.IsEmpty ? ": []\n" : ":\n");
            foreach (var port in policy.Ports) yaml.Append("  - ").Append(YamlText.Scalar(port.ToString())).Append('\n');
        }
        AppendLimits(yaml, policy.Limits);
        return yaml.ToString();
    }

    /// <summary>One rule as a single-line flow mapping, e.g. {to: [{cidr: 192.0.2.0/24}], ports: [443/tcp]}.</summary>
    public static string FormatRule(PolicyRule rule, string selectorKey = "to")
    {
        var line = new StringBuilder("{");
        if (rule.Description is { } description) line.Append("description: ").Append(YamlText.Quoted(description)).Append(", ");
        line.Append(selectorKey).Append(": [");
        AppendSelectors(line, rule, start: "", end: "", separator: ", ");
        line.Append(']');
        AppendProtocolEntries(line, rule, start: ", ", end: "");
        return line.Append('}').ToString();
    }

    // Block form: the first key of a rule opens its list item, the others line up under it; one selector a line.
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
            yaml.Append("  - ");
            if (rule.Description is { } description) yaml.Append("description: ").Append(YamlText.Quoted(description)).Append("\n    ");
            yaml.Append(selectorKey).Append(":\n");
            AppendSelectors(yaml, rule, start: "      - ", end: "\n", separator: "");
            AppendProtocolEntries(yaml, rule, start: "    ", end: "\n");
        }
    }

    /// <summary>The selectors in canonical order (cidrs, peers, domains, presets), each a flow mapping between <paramref name="start"/> and <paramref name="end"/>.</summary>
    private static void AppendSelectors(StringBuilder text, PolicyRule rule, string start, string end, string separator)
    {
        var first = true;
        foreach (var cidr in rule.Cidrs) AppendCidr(Next().Append("{cidr: "), cidr).Append('}').Append(end);
        foreach (var peer in rule.Peers) AppendPeer(Next(), peer).Append(end);
        foreach (var domain in rule.Domains) Next().Append("{domain: ").Append(YamlText.FlowScalar(domain.ToString())).Append('}').Append(end);
        foreach (var preset in rule.Presets) Next().Append("{preset: ").Append(preset.Name).Append('}').Append(end);

        StringBuilder Next()
        {
            if (!first) text.Append(separator);
            first = false;
            return text.Append(start);
        }
    }

    /// <summary>
    /// A CIDR as <see cref="YamlText.FlowScalar"/> writes it, without its string and regex matches: an IPv6 CIDR holds
    /// ':', so it is double-quoted (its characters need no escape); an IPv4 CIDR is digits, dots and one slash, which is
    /// plain and never looks like a number, boolean or null.
    /// </summary>
    private static StringBuilder AppendCidr(StringBuilder text, System.Net.IPNetwork cidr)
    {
        Span<char> buffer = stackalloc char[64];
        if (!cidr.TryFormat(buffer, out var written)) return text.Append(YamlText.FlowScalar(cidr.ToString()));
        var chars = buffer[..written];
        return chars.Contains(':') ? text.Append('"').Append(chars).Append('"') : text.Append(chars);
    }

    private static StringBuilder AppendPeer(StringBuilder text, PeerSelector peer)
    {
        if (peer.Name is { } name) return text.Append("{peer: ").Append(YamlText.FlowScalar(name)).Append('}');
        text.Append("{labels: {");
        var first = true;
        foreach (var label in peer.Labels)
        {
            if (!first) text.Append(", ");
            first = false;
            text.Append(YamlText.FlowScalar(label.Key)).Append(": ").Append(YamlText.FlowScalar(label.Value));
        }
        return text.Append("}}");
    }

    /// <summary>protocols, ports, icmp and icmpv6, each as <c>key: [a, b]</c> between <paramref name="start"/> and <paramref name="end"/>.</summary>
    private static void AppendProtocolEntries(StringBuilder text, PolicyRule rule, string start, string end)
    {
        if (!rule.Protocols.IsEmpty)
        {
            text.Append(start).Append("protocols: [");
            for (var i = 0; i < rule.Protocols.Count; i++) (i == 0 ? text : text.Append(", ")).Append(rule.Protocols[i].ToName());
            text.Append(']').Append(end);
        }
        if (!rule.Ports.IsEmpty)
        {
            text.Append(start).Append("ports: [");
            for (var i = 0; i < rule.Ports.Count; i++) (i == 0 ? text : text.Append(", ")).Append(rule.Ports[i].ToString());
            text.Append(']').Append(end);
        }
        foreach (var protocol in IcmpProtocols)
        {
            var first = true;
            foreach (var type in rule.IcmpTypes)
            {
                if (type.Protocol != protocol) continue;
                (first ? text.Append(start).Append(protocol.ToName()).Append(": [") : text.Append(", ")).Append(type.Name);
                first = false;
            }
            if (!first) text.Append(']').Append(end);
        }
    }

    private static readonly TransportProtocol[] IcmpProtocols = [TransportProtocol.Icmp, TransportProtocol.IcmpV6];

    private static string Bool(bool value) => value ? "true" : "false";
}
