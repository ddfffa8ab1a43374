using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// What a full rebuild transaction would leave in the kernel, reduced to what damage removes: per table the chains
/// with their rule counts, and the element keys of named sets and maps (flow sets with timeouts aside: the packet path fills them).
/// </summary>
internal sealed class FirewallExpectation
{
    private readonly Dictionary<NftTable, Dictionary<string, int>> _rules = [];
    private readonly Dictionary<NftTable, Dictionary<string, HashSet<string>>> _elements = [];
    private readonly HashSet<(NftTable, string)> _dynamic = [];

    public HashSet<NftTable> Tables { get; } = [];

    public static FirewallExpectation From(NftTransaction transaction)
    {
        var model = new FirewallExpectation();
        foreach (var command in transaction.Commands)
            model.Add(command);
        return model;
    }

    /// <summary>One line per missing chain, missing rules of a chain, or missing elements of a set or map.</summary>
    public IEnumerable<string> Compare(NftTable table, NftTableState state)
    {
        foreach (var (chain, count) in _rules.GetValueOrDefault(table) ?? [])
        {
            if (state.Chain(chain) is null)
                yield return $"chain {table} {chain} is missing";
            else if (state.RulesIn(chain).Count() < count)
                yield return $"chain {table} {chain} has {state.RulesIn(chain).Count()} of its {count} rules";
        }
        foreach (var (name, keys) in _elements.GetValueOrDefault(table) ?? [])
        {
            if (state.Set(name) is not { } set)
            {
                yield return $"set {table} {name} is missing";
                continue;
            }
            var present = set.Elements.Select(e => e.Key.ToString()).ToHashSet(StringComparer.Ordinal);
            var missing = keys.Count(k => !present.Contains(k));
            if (missing > 0) yield return $"set {table} {name} lacks {missing} of its {keys.Count} elements";
        }
    }

    private void Add(NftCommand command)
    {
        switch (command)
        {
            case NftTableCommand { Verb: NftVerb.Add } c:
                Tables.Add(c.Table);
                break;
            case NftTableCommand { Verb: NftVerb.Delete } c:
                Tables.Remove(c.Table);
                _rules.Remove(c.Table);
                _elements.Remove(c.Table);
                break;
            case NftChainCommand { Verb: NftVerb.Add } c:
                Rules(c.Chain.Table).TryAdd(c.Chain.Name, 0);
                break;
            case NftRuleCommand { Verb: NftVerb.Add } c:
                Rules(c.Rule.Table)[c.Rule.Chain] = Rules(c.Rule.Table).GetValueOrDefault(c.Rule.Chain) + 1;
                break;
            case NftSetCommand { Verb: NftVerb.Add } c:
                if (c.Set.Flags.HasFlag(NftSetFlags.Timeout)) _dynamic.Add((c.Set.Table, c.Set.Name));
                AddKeys(c.Set.Table, c.Set.Name, c.Set.Elements);
                break;
            case NftElementCommand { Verb: NftVerb.Add } c:
                AddKeys(c.Table, c.SetName, c.Elements);
                break;
        }
    }

    private void AddKeys(NftTable table, string name, IEnumerable<NftElement> elements)
    {
        if (_dynamic.Contains((table, name))) return;
        if (!_elements.TryGetValue(table, out var sets)) _elements[table] = sets = [];
        if (!sets.TryGetValue(name, out var keys)) sets[name] = keys = new HashSet<string>(StringComparer.Ordinal);
        keys.UnionWith(elements.Select(e => e.Key.ToString()));
    }

    private Dictionary<string, int> Rules(NftTable table)
    {
        if (!_rules.TryGetValue(table, out var chains)) _rules[table] = chains = new Dictionary<string, int>(StringComparer.Ordinal);
        return chains;
    }
}
