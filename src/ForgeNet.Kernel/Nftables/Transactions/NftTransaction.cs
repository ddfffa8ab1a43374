using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// An ordered list of commands that nft applies as one atomic batch: all of them, or (on any error) none.
/// <c>ToString()</c> renders it in nft syntax, one command per line, for logs and golden dumps.
/// </summary>
public sealed class NftTransaction
{
    private readonly List<NftCommand> _commands = [];

    public IReadOnlyList<NftCommand> Commands => _commands;

    public bool IsEmpty => _commands.Count == 0;

    public NftTransaction Add(NftCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Add(command);
        return this;
    }

    public NftTransaction AddTable(NftTable table) => Add(new NftTableCommand(NftVerb.Add, table));

    /// <summary>Deletes the table with everything in it; an error when it does not exist.</summary>
    public NftTransaction DeleteTable(NftTable table) => Add(new NftTableCommand(NftVerb.Delete, table));

    /// <summary>Removes every rule of the table; chains and sets stay.</summary>
    public NftTransaction FlushTable(NftTable table) => Add(new NftTableCommand(NftVerb.Flush, table));

    /// <summary>
    /// Starts the table afresh whether or not it exists: add, delete, add (nft 1.0.6 has no <c>destroy</c>).
    /// Follow with its chains, sets and rules in the same transaction, so the swap is atomic.
    /// </summary>
    public NftTransaction ReplaceTable(NftTable table) => AddTable(table).DeleteTable(table).AddTable(table);

    /// <summary>Deletes the table if it exists (add, then delete): idempotent teardown.</summary>
    public NftTransaction DeleteTableIfExists(NftTable table) => AddTable(table).DeleteTable(table);

    public NftTransaction AddChain(NftChain chain) => Add(new NftChainCommand(NftVerb.Add, chain));

    public NftTransaction DeleteChain(NftTable table, string name) => Add(new NftChainCommand(NftVerb.Delete, new NftChain(table, name)));

    public NftTransaction FlushChain(NftTable table, string name) => Add(new NftChainCommand(NftVerb.Flush, new NftChain(table, name)));

    /// <summary>Adds a set or map, with its elements if it has any.</summary>
    public NftTransaction AddSet(NftSet set) => Add(new NftSetCommand(NftVerb.Add, set));

    public NftTransaction DeleteSet(NftTable table, string name) => Add(new NftSetCommand(NftVerb.Delete, NftSet.Of(table, name)));

    public NftTransaction FlushSet(NftTable table, string name) => Add(new NftSetCommand(NftVerb.Flush, NftSet.Of(table, name)));

    public NftTransaction DeleteMap(NftTable table, string name) => Add(new NftSetCommand(NftVerb.Delete, NftSet.VerdictMap(table, name)));

    public NftTransaction FlushMap(NftTable table, string name) => Add(new NftSetCommand(NftVerb.Flush, NftSet.VerdictMap(table, name)));

    /// <summary>Adds elements to a named set or map.</summary>
    public NftTransaction AddElements(NftTable table, string setName, params NftElement[] elements) =>
        Add(new NftElementCommand(NftVerb.Add, table, ValidSetName(setName), NonEmpty(elements)));

    /// <summary>Deletes elements (by key) from a named set or map; an error when one is missing.</summary>
    public NftTransaction DeleteElements(NftTable table, string setName, params NftElement[] elements) =>
        Add(new NftElementCommand(NftVerb.Delete, table, ValidSetName(setName), NonEmpty(elements)));

    /// <summary>Appends a rule to its chain.</summary>
    public NftTransaction AddRule(NftRule rule) => Add(new NftRuleCommand(NftVerb.Add, rule));

    /// <summary>Prepends a rule to its chain.</summary>
    public NftTransaction InsertRule(NftRule rule) => Add(new NftRuleCommand(NftVerb.Insert, rule));

    /// <summary>Deletes the rule with <paramref name="handle"/> (from a read-back) from a chain.</summary>
    public NftTransaction DeleteRule(NftTable table, string chain, ulong handle) =>
        Add(new NftRuleCommand(NftVerb.Delete, new NftRule(table, chain, []) { Handle = handle }));

    /// <summary>Parses a batch in libnftables' JSON input form (what <see cref="ToJson"/> writes); throws <see cref="FormatException"/>.</summary>
    public static NftTransaction FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return NftJsonReader.ReadTransaction(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not nftables JSON: {e.Message}", e);
        }
    }

    /// <summary>The batch as libnftables JSON: <c>{"nftables": [...]}</c>.</summary>
    public string ToJson() => NftJsonWriter.Write(this);

    public override string ToString() => NftText.Format(this);

    private static string ValidSetName(string name)
    {
        NftNames.ValidateName(name, "set");
        return name;
    }

    private static NftElement[] NonEmpty(NftElement[] elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.Length == 0)
            throw new ArgumentException("at least one element is needed", nameof(elements));
        return elements;
    }
}
