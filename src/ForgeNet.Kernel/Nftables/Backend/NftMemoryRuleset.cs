namespace ForgeNet.Kernel.Nftables;

/// <summary>The in-memory ruleset behind <see cref="RecordingNftBackend"/>: nft's semantics for what the model expresses.</summary>
internal sealed partial class NftMemoryRuleset
{
    private readonly Dictionary<NftTable, TableData> _tables = [];

    private sealed class TableData
    {
        public NftTable Table = null!;
        public ulong NextHandle = 1;
        public List<NftChain> Chains = [];
        public List<NftSet> Sets = [];
        public List<NftRule> Rules = [];

        public TableData Clone() => new() { Table = Table, NextHandle = NextHandle, Chains = [.. Chains], Sets = [.. Sets], Rules = [.. Rules] };
    }

    public NftMemoryRuleset Clone()
    {
        var copy = new NftMemoryRuleset();
        foreach (var (key, data) in _tables)
            copy._tables[key] = data.Clone();
        return copy;
    }

    public IReadOnlyList<NftTable> Tables() => [.. _tables.Values.Select(t => t.Table)];

    public NftTableState? State(NftTable table) =>
        _tables.TryGetValue(table, out var t) ? new NftTableState(t.Table, [.. t.Chains], [.. t.Sets], [.. t.Rules]) : null;

    public void Apply(NftCommand command)
    {
        switch (command)
        {
            case NftTableCommand c:
                ApplyTable(c);
                break;
            case NftChainCommand c:
                ApplyChain(c, Table(c.Chain.Table, command));
                break;
            case NftSetCommand c:
                ApplySet(c, Table(c.Set.Table, command));
                break;
            case NftElementCommand c:
                ApplyElements(c, Table(c.Table, command));
                break;
            case NftRuleCommand c:
                ApplyRule(c, Table(c.Rule.Table, command));
                break;
        }
    }

    private void ApplyTable(NftTableCommand c)
    {
        var exists = _tables.TryGetValue(c.Table, out var data);
        switch (c.Verb)
        {
            case NftVerb.Add when !exists:
                _tables[c.Table] = new TableData { Table = c.Table with { Handle = (ulong)_tables.Count + 1 } };
                break;
            case NftVerb.Delete:
                if (!_tables.Remove(c.Table))
                    throw NotFound(c);
                break;
            case NftVerb.Flush:
                (data ?? throw NotFound(c)).Rules.Clear();
                break;
        }
    }

    private TableData Table(NftTable table, NftCommand command) =>
        _tables.TryGetValue(table, out var data) ? data : throw NotFound(command);

    internal static NftablesException NotFound(NftCommand command) =>
        new("apply nftables transaction", "Error: Could not process rule: No such file or directory", command.ToString());
}
