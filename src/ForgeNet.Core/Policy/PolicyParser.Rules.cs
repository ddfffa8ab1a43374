using System.Net;
using YamlDotNet.RepresentationModel;

namespace ForgeNet.Core.Policy;

internal sealed partial class PolicyParser
{
    private static readonly IPNetwork[] AnyAddress = [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")];

    private EquatableArray<PolicyRule> ParseRules(YamlCursor value, Direction direction)
    {
        if (direction == Direction.Egress && value.Node is YamlScalarNode && !value.IsNull)
            return [ParsePresetShorthand(value)];
        var rules = new List<PolicyRule>();
        foreach (var item in value.Items(direction == Direction.Egress ? "[{to: [{cidr: 192.0.2.0/24}], ports: [443/tcp]}]" : "[{from: [{peer: web}], ports: [80/tcp]}]"))
            rules.Add(ParseRule(item, direction));
        return new(rules);
    }

    // "egress: public-internet" is one rule allowing the preset on every protocol.
    private PolicyRule ParsePresetShorthand(YamlCursor value)
    {
        Context.Positions.RecordSelector($"{value.Path}[0].to", "preset", 0, value.Path);
        var name = value.Scalar("a preset");
        var preset = EgressPreset.Find(name)
            ?? throw value.Error($"'{name}' is not a preset{Spelling.Hint(name, EgressPreset.All.Select(p => p.Name))}; egress is a list of rules, or the preset public-internet");
        return new PolicyRule { Presets = [preset] };
    }

    private PolicyRule ParseRule(YamlCursor item, Direction direction)
    {
        var (selectorKey, otherKey) = direction == Direction.Ingress ? ("from", "to") : ("to", "from");
        string[] keys = ["description", selectorKey, "protocols", "ports", "icmp", "icmpv6"];
        var rule = new PolicyRule();
        var icmp = EquatableArray<IcmpType>.Empty;
        var icmpV6 = EquatableArray<IcmpType>.Empty;
        var hasSelectors = false;
        foreach (var (key, value) in item.Entries(keys, k => k == otherKey ? $"{DirectionName(direction)} rules name the remote end with '{selectorKey}', not '{otherKey}'" : null))
        {
            switch (key)
            {
                case "description": rule = rule with { Description = value.Scalar("a description") }; break;
                case "protocols": rule = rule with { Protocols = ParseRuleList<TransportProtocol>(value, key, "[tcp, icmp]", TryParseProtocol) }; break;
                case "ports": rule = rule with { Ports = ParseRuleList<PortRange>(value, key, "[443/tcp, 8000-8100/udp]", PortRange.TryParse) }; break;
                case "icmp": icmp = ParseRuleList(value, key, "[echo-request]", IcmpParser(TransportProtocol.Icmp)); break;
                case "icmpv6": icmpV6 = ParseRuleList(value, key, "[echo-request]", IcmpParser(TransportProtocol.IcmpV6)); break;
                default: rule = ParseSelectors(rule, value, key); hasSelectors = true; break;
            }
        }
        // Without from/to a rule matches every address; the model says so explicitly.
        if (!hasSelectors) rule = rule with { Cidrs = new(AnyAddress) };
        return rule with { IcmpTypes = new(icmp.Concat(icmpV6)) };
    }

    private PolicyRule ParseSelectors(PolicyRule rule, YamlCursor list, string key)
    {
        var selectors = new SelectorLists();
        foreach (var item in list.Items("[{cidr: 192.0.2.0/24}, {peer: web}, {labels: {app: web}}]"))
        {
            var (kind, index) = item.Node is YamlScalarNode ? ParseScalarSelector(item, selectors) : ParseMappingSelector(item, selectors);
            Context.Positions.RecordSelector(list.Path, kind, index, item.Path);
        }
        if (selectors.Count == 0)
            throw list.Error($"an empty '{key}' matches nothing; leave '{key}' out to match every address");
        return rule with
        {
            Cidrs = new(selectors.Cidrs),
            Peers = new(selectors.Peers),
            Domains = new(selectors.Domains),
            Presets = new(selectors.Presets),
        };
    }

    // A bare "10.0.0.0/8" or "public-internet"; anything else gets a hint at the mapping forms.
    private static (string Kind, int Index) ParseScalarSelector(YamlCursor item, SelectorLists selectors)
    {
        var text = item.Scalar("a selector");
        if (EgressPreset.Find(text) is { } preset) return selectors.Add(preset);
        if (IpText.TryParseNetwork(text, out var network, out var error)) return selectors.Add(network);
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text.Contains(':', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal)))
            throw item.Error(error);
        var forms = new List<string>();
        if (DomainPattern.TryParse(text, out _, out _)) forms.Add($"{{domain: {text}}} for a DNS name");
        if (PeerSelector.IsValidName(text)) forms.Add($"{{peer: {text}}} for a sandbox");
        throw item.Error(forms.Count == 0
            ? $"'{text}' is not a CIDR, and not a selector; use {{cidr: ...}}, {{peer: ...}}, {{labels: ...}}, {{domain: ...}} or {{preset: ...}}"
            : $"'{text}' is not a CIDR; write {string.Join(", or ", forms)}");
    }

    private static (string Kind, int Index) ParseMappingSelector(YamlCursor item, SelectorLists selectors)
    {
        (string Kind, int Index)? result = null;
        foreach (var (key, value) in item.Entries(SelectorLists.Kinds))
        {
            if (result is not null)
                throw value.KeyError($"a selector has exactly one key; give '{key}' its own list item");
            result = key switch
            {
                "cidr" => selectors.Add(ParseCidr(value)),
                "peer" => selectors.Add(ParsePeerName(value)),
                "labels" => selectors.Add(ParseLabels(value)),
                "domain" => selectors.Add(ParseDomain(value)),
                _ => selectors.Add(ParsePreset(value)),
            };
        }
        return result ?? throw item.Error($"a selector needs one key: {string.Join(", ", SelectorLists.Kinds)}");
    }

    private static IPNetwork ParseCidr(YamlCursor value) =>
        IpText.TryParseNetwork(value.Scalar("a CIDR"), out var network, out var error) ? network : throw value.Error(error);

    private static DomainPattern ParseDomain(YamlCursor value) =>
        DomainPattern.TryParse(value.Scalar("a domain name"), out var domain, out var error) ? domain : throw value.Error(error);

    private static EgressPreset ParsePreset(YamlCursor value)
    {
        var name = value.Scalar("a preset");
        var names = EgressPreset.All.Select(p => p.Name).ToArray();
        return EgressPreset.Find(name) ?? throw value.Error($"'{name}' is not a preset{Spelling.Hint(name, names)}; presets: {string.Join(", ", names)}");
    }

    private static PeerSelector ParsePeerName(YamlCursor value)
    {
        var name = value.Scalar("a sandbox name");
        return PeerSelector.IsValidName(name)
            ? PeerSelector.ByName(name)
            : throw value.Error($"'{name}' is not a sandbox name: use 1-63 characters from [a-zA-Z0-9_.-], starting with a letter or digit");
    }

    private static PeerSelector ParseLabels(YamlCursor value)
    {
        var labels = new List<Label>();
        foreach (var (key, labelValue) in value.AnyEntries())
        {
            var name = key.Scalar("a label key");
            if (!PeerSelector.IsValidLabelKey(name))
                throw key.Error($"'{name}' is not a label key: an optional DNS prefix and '/', then up to 63 characters from [a-zA-Z0-9_.-]");
            var text = labelValue.IsNull ? throw labelValue.Error("a label needs a value; write '' for an empty one") : labelValue.Scalar("a label value");
            if (!PeerSelector.IsValidLabelValue(text))
                throw labelValue.Error($"'{text}' is not a label value: up to 63 characters from [a-zA-Z0-9_.-], starting and ending with a letter or digit");
            labels.Add(new Label(name, text));
        }
        return labels.Count > 0 ? PeerSelector.ByLabels(labels) : throw value.Error("a labels selector needs at least one label, e.g. {app: web}");
    }

    private static string DirectionName(Direction direction) => direction == Direction.Ingress ? "ingress" : "egress";
}
