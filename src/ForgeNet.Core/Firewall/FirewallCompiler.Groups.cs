using System.Net.Sockets;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>Rule groups to nftables rules: one rule per group, address part and family, each with a counter.</summary>
internal static partial class FirewallCompiler
{
    /// <summary>More addresses than this go into a named interval set instead of an inline one.</summary>
    internal const int InlineSetLimit = 16;

    private const int MaxComment = 120;

    private static readonly AddressFamily[] Families = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    /// <summary>Whether a chain's rules match the remote end by destination (egress) or by source (ingress).</summary>
    private enum Direction
    {
        Egress,
        Ingress,
    }

    /// <summary>Emits the groups of <paramref name="scope"/> into <paramref name="chain"/>; each allowed packet gets <paramref name="allow"/>.</summary>
    private static void EmitGroups(CompiledEndpoint c, NftTable table, string chain, IReadOnlyList<RuleGroup> groups,
        FirewallScope scope, Direction direction, NftVerdict allow)
    {
        var index = 0;
        foreach (var group in groups.Where(g => g.Scope.HasFlag(scope) && !g.IsEmpty))
        {
            foreach (var address in AddressParts(c, table, chain, group, index, direction))
            {
                var rule = group.L4.Apply(address(NftRule.In(table, chain))).Counter().Verdict(allow);
                var comment = Comment(group.Descriptions);
                c.Add((comment is null ? rule : rule.Comment(comment)).Build());
            }
            index++;
        }
    }

    // Each part matches the remote end one way: not at all (every address of both families), by family only,
    // by an address set, or by a peer's shared set.
    private static IEnumerable<Func<NftRuleBuilder, NftRuleBuilder>> AddressParts(CompiledEndpoint c, NftTable table, string chain,
        RuleGroup group, int index, Direction direction)
    {
        var families = Families.Where(f => group.L4.Family is null || group.L4.Family == f).ToList();
        if (families.Count == 2 && group.Addresses4.IsAll && group.Addresses6.IsAll)
        {
            yield return b => b;
            yield break;
        }
        foreach (var family in families)
        {
            var field = AddressField(family, direction);
            var ranges = group.AddressesOf(family);
            if (ranges.IsAll)
                yield return b => group.L4.Family is null ? FamilyOnly(b, table, family) : b;
            else if (!ranges.IsEmpty)
                yield return AddressSet(c, table, FirewallNames.GroupSet(chain, index, family), field, ranges);
            foreach (var peer in group.Peers)
                yield return b => b.InSet(field, FirewallNames.PeerSet(peer, family));
        }
    }

    private static Func<NftRuleBuilder, NftRuleBuilder> AddressSet(CompiledEndpoint c, NftTable table, string name, NftExpr field, AddressRanges ranges)
    {
        var values = ranges.ToValues().ToArray();
        if (values.Length == 1) return b => b.Match(field, values[0]);
        if (values.Length <= InlineSetLimit) return b => b.Match(field, NftValue.Set(values));
        var type = ranges.Family == AddressFamily.InterNetwork ? NftDataType.Ipv4Addr : NftDataType.Ipv6Addr;
        c.Sets.Add(NftSet.Of(table, name, type) with { Flags = NftSetFlags.Interval, Elements = [.. values.Select(v => new NftElement(v))] });
        return b => b.InSet(field, name);
    }

    private static NftExpr AddressField(AddressFamily family, Direction direction) => (family, direction) switch
    {
        (AddressFamily.InterNetwork, Direction.Egress) => NftExpr.IpDaddr,
        (AddressFamily.InterNetwork, _) => NftExpr.IpSaddr,
        (_, Direction.Egress) => NftExpr.Ip6Daddr,
        _ => NftExpr.Ip6Saddr,
    };

    /// <summary>Restricts a rule to one IP version: <c>meta nfproto</c> in inet, the ethertype on a bridge.</summary>
    private static NftRuleBuilder FamilyOnly(NftRuleBuilder b, NftTable table, AddressFamily family) => table.Family == NftFamily.Bridge
        ? b.Match(EtherType, NftValue.String(family == AddressFamily.InterNetwork ? "ip" : "ip6"))
        : b.IpVersion(family);

    private static readonly NftExpr EtherType = NftExpr.Payload("ether", "type");

    /// <summary>The descriptions of a group as one rule comment nft accepts (at most 128 bytes, no double quotes).</summary>
    private static string? Comment(IReadOnlyList<string> descriptions)
    {
        if (descriptions.Count == 0) return null;
        var text = new string(string.Join("; ", descriptions).Select(ch => ch == '"' ? '\'' : char.IsControl(ch) ? ' ' : ch).ToArray());
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= MaxComment) return text;
        while (System.Text.Encoding.UTF8.GetByteCount(text) > MaxComment - 3) text = text[..^1];
        return text + "...";
    }
}
