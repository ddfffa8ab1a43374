using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Writes transactions as libnftables JSON (libnftables-json(5)) with a <see cref="Utf8JsonWriter"/>: no reflection,
/// so it works under NativeAOT. Validates what nft would reject late (empty rules, fractional timeouts) up front.
/// </summary>
internal static partial class NftJsonWriter
{
    public static string Write(NftTransaction transaction) => Encoding.UTF8.GetString(WriteUtf8(transaction));

    public static byte[] WriteUtf8(NftTransaction transaction)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + 64 * transaction.Commands.Count);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("nftables");
            foreach (var command in transaction.Commands)
                WriteCommand(w, command);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one value as JSON text (for tests and diagnostics).</summary>
    public static string ToJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
            write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>{"nftables":[{"list":{"table":{...}}}]}</c>: the read-back command for one table.</summary>
    public static string ListTableCommand(NftTable table) => ToJson(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("nftables");
        w.WriteStartObject();
        w.WriteStartObject("list");
        w.WriteStartObject("table");
        WriteTableId(w, table, "name");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteCommand(Utf8JsonWriter w, NftCommand command)
    {
        w.WriteStartObject();
        w.WriteStartObject(VerbName(command));
        switch (command)
        {
            case NftTableCommand c:
                w.WriteStartObject("table");
                WriteTableId(w, c.Table, "name");
                break;
            case NftChainCommand c:
                w.WriteStartObject("chain");
                WriteChain(w, c.Chain, c.Verb == NftVerb.Add);
                break;
            case NftSetCommand c:
                w.WriteStartObject(c.Set.IsMap ? "map" : "set");
                WriteSet(w, c.Set, c.Verb == NftVerb.Add);
                break;
            case NftElementCommand c:
                w.WriteStartObject("element");
                WriteTableId(w, c.Table, "table");
                w.WriteString("name", c.SetName);
                WriteElements(w, c.Elements);
                break;
            case NftRuleCommand c:
                w.WriteStartObject("rule");
                WriteRule(w, c.Rule, c.Verb);
                break;
            default:
                throw new ArgumentException($"unknown nftables command {command.GetType().Name}", nameof(command));
        }
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string VerbName(NftCommand command) => command.Verb switch
    {
        NftVerb.Add => "add",
        NftVerb.Insert when command is NftRuleCommand => "insert",
        NftVerb.Delete => "delete",
        NftVerb.Flush when command is not (NftRuleCommand or NftElementCommand) => "flush",
        _ => throw new ArgumentException($"nft cannot {command.Verb.ToString().ToLowerInvariant()} a {command.GetType().Name}"),
    };

    /// <summary>Writes family and the table's name under <paramref name="nameKey"/> ("name" for tables, "table" for the rest).</summary>
    private static void WriteTableId(Utf8JsonWriter w, NftTable table, string nameKey)
    {
        w.WriteString("family", NftNames.Of(table.Family));
        w.WriteString(nameKey, table.Name);
    }

    private static void WriteChain(Utf8JsonWriter w, NftChain chain, bool definition)
    {
        WriteTableId(w, chain.Table, "table");
        w.WriteString("name", chain.Name);
        if (!definition || chain.Hook is not { } hook)
            return;
        w.WriteString("type", NftNames.Of(hook.Type));
        w.WriteString("hook", NftNames.Of(hook.Hook));
        w.WriteNumber("prio", hook.Priority);
        w.WriteString("policy", NftNames.Of(hook.Policy));
    }

    private static void WriteSet(Utf8JsonWriter w, NftSet set, bool definition)
    {
        WriteTableId(w, set.Table, "table");
        w.WriteString("name", set.Name);
        if (!definition)
            return;
        if (set.KeyType.Count == 0)
            throw new ArgumentException($"set {set.Name} has no key type");
        WriteType(w, "type", set.KeyType);
        if (set.ValueType is { } value)
            w.WriteString("map", value.Name);
        if (set.Flags != NftSetFlags.None)
        {
            w.WriteStartArray("flags");
            foreach (var flag in NftNames.Of(set.Flags))
                w.WriteStringValue(flag);
            w.WriteEndArray();
        }
        if (set.Timeout is { } timeout)
            w.WriteNumber("timeout", Seconds(timeout, $"timeout of set {set.Name}"));
        if (set.Size is { } size)
            w.WriteNumber("size", size);
        if (set.Comment is { } comment)
            w.WriteString("comment", comment);
        if (set.Elements.Count > 0)
            WriteElements(w, set.Elements);
    }

    private static void WriteType(Utf8JsonWriter w, string key, IReadOnlyList<NftDataType> types)
    {
        if (types.Count == 1)
        {
            w.WriteString(key, types[0].Name);
            return;
        }
        w.WriteStartArray(key);
        foreach (var t in types)
            w.WriteStringValue(t.Name);
        w.WriteEndArray();
    }

    private static void WriteRule(Utf8JsonWriter w, NftRule rule, NftVerb verb)
    {
        WriteTableId(w, rule.Table, "table");
        w.WriteString("chain", rule.Chain);
        if (verb == NftVerb.Delete)
        {
            w.WriteNumber("handle", rule.Handle ?? throw new ArgumentException($"deleting a rule of chain {rule.Chain} needs its handle"));
            return;
        }
        if (rule.Statements.Count == 0)
            throw new ArgumentException($"a rule for chain {rule.Chain} has no statements");
        if (rule.Comment is { } comment)
            w.WriteString("comment", comment);
        w.WriteStartArray("expr");
        foreach (var statement in rule.Statements)
            WriteStatement(w, statement);
        w.WriteEndArray();
    }

    internal static long Seconds(TimeSpan time, string what)
    {
        if (time <= TimeSpan.Zero || time.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException($"{what} must be a positive whole number of seconds (nft's JSON has no finer unit), not {time}");
        return (long)time.TotalSeconds;
    }
}
