using System.Net.Sockets;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// An egress rule's domain selectors: the patterns, the protocol parts they allow, and the name of the timeout sets
/// (one per family) that the resolver fills with the addresses of matching names. The sets are named after the
/// patterns, so rules with the same patterns share them and a policy change that keeps the patterns keeps what was learnt.
/// </summary>
internal sealed record DomainRule(EquatableArray<DomainPattern> Patterns, IReadOnlyList<L4Match> L4, string Description)
{
    /// <summary>A hash of the sorted patterns: the part of the set names that says what they hold.</summary>
    public string ContentHash { get; } = Hash(Patterns.Select(p => p.ToString()));

    /// <summary>A hash of the patterns and the protocol parts: the flow sets' names, so connections survive only a policy that allows them alike.</summary>
    public string FlowHash { get; } = Hash(Patterns.Select(p => p.ToString()).Concat(L4.Select(m => "l4:" + m.Key)));

    /// <summary>The domain rules of a policy's egress, in order (a rule's CIDR and peer selectors are compiled apart).</summary>
    public static IReadOnlyList<DomainRule> Of(NetworkPolicy policy) =>
        [.. policy.Egress.Select((rule, i) => (rule, i)).Where(x => !x.rule.Domains.IsEmpty)
            .Select(x => new DomainRule(x.rule.Domains, [.. L4Match.Of(x.rule)], x.rule.Description ?? $"egress[{x.i}]"))];

    /// <summary>True when <paramref name="name"/> (any case, optional trailing dot) matches one of the patterns.</summary>
    public bool Matches(string name) => Patterns.Any(p => p.Matches(name));

    /// <summary>The set of addresses of <paramref name="family"/> learnt for this rule on the endpoint of <paramref name="port"/>.</summary>
    public string SetName(string port, AddressFamily family) => FirewallNames.DomainSet(port, family, ContentHash);

    /// <summary>The set of connections this rule let through on the endpoint of <paramref name="port"/>, which outlive their address's timeout.</summary>
    public string FlowSetName(string port, AddressFamily family) => FirewallNames.DomainFlowSet(port, family, FlowHash);

    private static string Hash(IEnumerable<string> parts)
    {
        var text = string.Join(",", parts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(ForgeNet.Core.Model.Sha256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
    }
}
