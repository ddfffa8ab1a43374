using System.Net.Sockets;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// The protocol part of a compiled rule: every protocol, whole protocols, ports of one protocol, or ICMP types of one
/// ICMP version. Rules whose protocol parts are equal share one nftables rule (and one address set), so the number of
/// rules a packet walks grows with the distinct port lists of a policy, never with its addresses.
/// </summary>
internal sealed record L4Match
{
    private L4Match(string key, AddressFamily? family, Func<NftRuleBuilder, NftRuleBuilder> apply)
    {
        Key = key;
        Family = family;
        Apply = apply;
    }

    /// <summary>Equal keys mean equal matches: the grouping key.</summary>
    public string Key { get; }

    /// <summary>The only IP version this match can see (ICMP types), or null for both.</summary>
    public AddressFamily? Family { get; }

    /// <summary>Appends the match statements to a rule.</summary>
    public Func<NftRuleBuilder, NftRuleBuilder> Apply { get; }

    public static L4Match All { get; } = new("all", null, b => b);

    /// <summary><c>meta l4proto { tcp, udp }</c>.</summary>
    public static L4Match Protocols(IEnumerable<TransportProtocol> protocols)
    {
        var sorted = protocols.Distinct().Order().ToArray();
        var family = sorted switch
        {
            [TransportProtocol.Icmp] => AddressFamily.InterNetwork,
            [TransportProtocol.IcmpV6] => AddressFamily.InterNetworkV6,
            _ => (AddressFamily?)null,
        };
        var protos = sorted.Select(ToNft).ToArray();
        return new("proto:" + string.Join(",", sorted.Select(p => p.ToName())), family, b => b.L4Proto(protos));
    }

    /// <summary>
    /// <c>tcp dport { 22, 443 }</c> for single ports, <c>tcp dport 8000-8100</c> for a range: the sandbox's port for
    /// ingress, the remote's for egress. A range never goes into a set: an anonymous interval set in a rule makes nft
    /// read its elements back on every later change of the table.
    /// </summary>
    public static IEnumerable<L4Match> Ports(TransportProtocol protocol, IEnumerable<PortRange> ranges)
    {
        var merged = MergePorts(ranges.Where(r => r.Protocol == protocol));
        var field = NftExpr.Payload(protocol.ToName(), "dport");
        var singles = merged.Where(r => r.First == r.Last).Select(r => NftValue.Port((ushort)r.First)).ToArray();
        if (singles.Length > 0)
        {
            var right = singles.Length == 1 ? singles[0] : NftValue.Set(singles);
            yield return new($"{protocol.ToName()}:{string.Join(",", singles)}", null, b => b.Match(field, right));
        }
        foreach (var (first, last) in merged.Where(r => r.First != r.Last))
            yield return new($"{protocol.ToName()}:{first}-{last}", null, b => b.Match(field, NftValue.PortRange((ushort)first, (ushort)last)));
    }

    /// <summary><c>icmp type { echo-request }</c> or <c>icmpv6 type …</c>.</summary>
    public static L4Match Icmp(TransportProtocol protocol, IEnumerable<IcmpType> types)
    {
        var sorted = types.Where(t => t.Protocol == protocol).Select(t => t.Type).Distinct().Order().ToArray();
        var values = sorted.Select(t => TypeValue(protocol, t)).ToArray();
        var right = values.Length == 1 ? values[0] : NftValue.Set(values);
        var field = NftExpr.Payload(protocol == TransportProtocol.Icmp ? "icmp" : "icmpv6", "type");
        var family = protocol == TransportProtocol.Icmp ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        return new($"{protocol.ToName()}:{string.Join(",", sorted)}", family, b => b.Match(field, right));
    }

    /// <summary>The protocol parts of a policy rule: one per kind of entry (protocols, ports per protocol, types per ICMP version).</summary>
    public static IEnumerable<L4Match> Of(PolicyRule rule)
    {
        if (rule.AllowsAllProtocols)
        {
            yield return All;
            yield break;
        }
        if (!rule.Protocols.IsEmpty) yield return Protocols(rule.Protocols);
        foreach (var protocol in rule.Ports.Select(p => p.Protocol).Distinct().Order())
        {
            foreach (var match in Ports(protocol, rule.Ports))
                yield return match;
        }
        foreach (var protocol in rule.IcmpTypes.Select(t => t.Protocol).Distinct().Order())
            yield return Icmp(protocol, rule.IcmpTypes);
    }

    public bool Equals(L4Match? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Key;

    private static NftL4Proto ToNft(TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => NftL4Proto.Tcp,
        TransportProtocol.Udp => NftL4Proto.Udp,
        TransportProtocol.Icmp => NftL4Proto.Icmp,
        _ => NftL4Proto.Icmpv6,
    };

    private static NftValue TypeValue(TransportProtocol protocol, byte type) =>
        new IcmpType(protocol, type).Name is var name && name.Length > 0 && !char.IsAsciiDigit(name[0])
            ? NftValue.String(name)
            : NftValue.Number(type);

    /// <summary>Port ranges sorted and merged where they overlap or touch.</summary>
    internal static List<(int First, int Last)> MergePorts(IEnumerable<PortRange> ranges)
    {
        var merged = new List<(int First, int Last)>();
        foreach (var r in ranges.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && r.First <= merged[^1].Last + 1)
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, r.Last));
            else
                merged.Add((r.First, r.Last));
        }
        return merged;
    }
}
