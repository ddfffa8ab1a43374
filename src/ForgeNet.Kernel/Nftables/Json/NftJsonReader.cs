using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Parses nft's JSON listings (<c>nft -j list table</c>, <c>list tables</c>) into the model with <see cref="JsonDocument"/>
/// (no reflection). What the model does not know is kept as raw JSON, so nothing is lost on the way back.
/// </summary>
internal static partial class NftJsonReader
{
    /// <summary>Every table in a <c>list tables</c> (or <c>list ruleset</c>) output.</summary>
    public static List<NftTable> ReadTables(string json)
    {
        var tables = new List<NftTable>();
        using var doc = JsonDocument.Parse(json);
        foreach (var (kind, obj) in Objects(doc))
        {
            if (kind == "table" && ReadTable(obj) is { } table)
                tables.Add(table);
        }
        return tables;
    }

    /// <summary>The table <paramref name="family"/> <paramref name="name"/> from a <c>list table</c> output, or null if absent.</summary>
    public static NftTableState? ReadTableState(string json, NftFamily family, string name)
    {
        using var doc = JsonDocument.Parse(json);
        NftTable? table = null;
        var chains = new List<NftChain>();
        var sets = new List<NftSet>();
        var rules = new List<NftRule>();
        foreach (var (kind, obj) in Objects(doc))
        {
            if (kind == "table")
            {
                var t = ReadTable(obj);
                if (t is not null && t.Family == family && t.Name == name)
                    table = t;
                continue;
            }
            if (!IsIn(obj, family, name))
                continue;
            var owner = new NftTable(family, name);
            switch (kind)
            {
                case "chain":
                    chains.Add(ReadChain(obj, owner));
                    break;
                case "set" or "map":
                    sets.Add(ReadSet(obj, owner, kind == "map"));
                    break;
                case "rule":
                    rules.Add(ReadRule(obj, owner));
                    break;
            }
        }
        return table is null ? null : new NftTableState(table, chains, sets, rules);
    }

    private static IEnumerable<(string Kind, JsonElement Object)> Objects(JsonDocument doc)
    {
        if (!doc.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            throw new FormatException("nft JSON output has no \"nftables\" array");
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var p in item.EnumerateObject())
                yield return (p.Name, p.Value);
        }
    }

    private static bool IsIn(JsonElement obj, NftFamily family, string table) =>
        NftNames.TryParseFamily(String(obj, "family"), out var f) && f == family && String(obj, "table") == table;

    private static NftTable? ReadTable(JsonElement obj)
    {
        if (!NftNames.TryParseFamily(String(obj, "family"), out var family) || String(obj, "name") is not { } name)
            return null;
        return new NftTable(family, name) { Handle = Handle(obj) };
    }

    private static NftChain ReadChain(JsonElement obj, NftTable table)
    {
        var name = Required(obj, "name", "chain");
        NftChainHook? hook = null;
        if (String(obj, "hook") is { } hookName)
        {
            var type = NftNames.ParseChainType(Required(obj, "type", "chain " + name));
            var prio = obj.TryGetProperty("prio", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : 0;
            var policy = String(obj, "policy") is { } pol ? NftNames.ParsePolicy(pol) : NftChainPolicy.Accept;
            hook = new NftChainHook(type, NftNames.ParseHook(hookName), prio, policy);
        }
        return new NftChain(table, name, hook) { Handle = Handle(obj) };
    }

    private static NftSet ReadSet(JsonElement obj, NftTable table, bool isMap)
    {
        var name = Required(obj, "name", isMap ? "map" : "set");
        var keyType = ReadTypes(obj, "type");
        NftDataType? valueType = isMap ? new NftDataType(Required(obj, "map", "map " + name)) : null;
        var flags = NftSetFlags.None;
        if (obj.TryGetProperty("flags", out var f))
        {
            foreach (var flag in f.ValueKind == JsonValueKind.Array ? f.EnumerateArray() : Enumerable.Repeat(f, 1))
                flags |= NftNames.ParseSetFlag(flag.GetString() ?? "");
        }
        return new NftSet(table, name, keyType, valueType)
        {
            Flags = flags,
            Timeout = Seconds(obj, "timeout"),
            Size = obj.TryGetProperty("size", out var size) && size.TryGetUInt32(out var s) ? s : null,
            Comment = String(obj, "comment"),
            Elements = obj.TryGetProperty("elem", out var elem) ? ReadElements(elem, isMap) : [],
            Handle = Handle(obj),
        };
    }

    private static NftDataType[] ReadTypes(JsonElement obj, string key)
    {
        if (!obj.TryGetProperty(key, out var t))
            throw new FormatException($"nft JSON set has no \"{key}\" (typeof sets are not supported)");
        return t.ValueKind == JsonValueKind.Array
            ? [.. t.EnumerateArray().Select(x => new NftDataType(x.GetString() ?? ""))]
            : [new NftDataType(t.GetString() ?? "")];
    }

    private static NftElement[] ReadElements(JsonElement elems, bool isMap) =>
        [.. elems.EnumerateArray().Select(e => ReadElement(e, isMap))];

    private static NftElement ReadElement(JsonElement e, bool isMap)
    {
        NftValue? value = null;
        if (isMap && e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2)
        {
            value = ReadValue(e[1]);
            e = e[0];
        }
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("elem", out var wrapped))
        {
            return new NftElement(ReadValue(wrapped.GetProperty("val")), value)
            {
                Timeout = Seconds(wrapped, "timeout"),
                Expires = Seconds(wrapped, "expires"),
                Comment = String(wrapped, "comment"),
            };
        }
        return new NftElement(ReadValue(e), value);
    }

    private static NftRule ReadRule(JsonElement obj, NftTable table)
    {
        var chain = Required(obj, "chain", "rule");
        var statements = obj.TryGetProperty("expr", out var expr) ? expr.EnumerateArray().Select(ReadStatement).ToArray() : [];
        return new NftRule(table, chain, statements) { Handle = Handle(obj), Comment = String(obj, "comment") };
    }

    private static string? String(JsonElement obj, string key) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Required(JsonElement obj, string key, string what) =>
        String(obj, key) ?? throw new FormatException($"nft JSON {what} has no \"{key}\"");

    private static ulong? Handle(JsonElement obj) =>
        obj.TryGetProperty("handle", out var h) && h.TryGetUInt64(out var v) ? v : null;

    private static TimeSpan? Seconds(JsonElement obj, string key) =>
        obj.TryGetProperty(key, out var v) && v.TryGetInt64(out var s) ? TimeSpan.FromSeconds(s) : null;
}
