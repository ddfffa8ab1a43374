using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Batches in libnftables' JSON input form (<c>{"nftables":[{"add":{"chain":{…}}}, …]}</c>), as <see cref="NftJsonWriter"/> writes them.</summary>
internal static partial class NftJsonReader
{
    public static NftTransaction ReadTransaction(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var tx = new NftTransaction();
        foreach (var (verbName, body) in Objects(doc))
        {
            var verb = verbName switch
            {
                "add" => NftVerb.Add,
                "insert" => NftVerb.Insert,
                "delete" => NftVerb.Delete,
                "flush" => NftVerb.Flush,
                _ => throw new FormatException($"nft JSON command \"{verbName}\" is not one a transaction holds"),
            };
            foreach (var p in body.EnumerateObject())
                tx.Add(ReadCommand(verb, p.Name, p.Value));
        }
        return tx;
    }

    private static NftCommand ReadCommand(NftVerb verb, string kind, JsonElement obj)
    {
        if (kind == "table")
            return new NftTableCommand(verb, ReadTable(obj) ?? throw new FormatException("nft JSON table without family or name"));
        var table = OwnerOf(obj, kind);
        return kind switch
        {
            "chain" => new NftChainCommand(verb, ReadChain(obj, table)),
            "set" or "map" => new NftSetCommand(verb, SetOf(obj, table, kind == "map")),
            "element" => new NftElementCommand(verb, table, Required(obj, "name", "element"),
                obj.TryGetProperty("elem", out var elem) ? [.. elem.EnumerateArray().Select(e => ReadElement(e, IsMapEntry(e)))] : []),
            "rule" => new NftRuleCommand(verb, ReadRule(obj, table)),
            _ => throw new FormatException($"nft JSON object \"{kind}\" is not one a transaction holds"),
        };
    }

    private static NftTable OwnerOf(JsonElement obj, string kind)
    {
        if (!NftNames.TryParseFamily(String(obj, "family"), out var family))
            throw new FormatException($"nft JSON {kind} has no family");
        return new NftTable(family, Required(obj, "table", kind));
    }

    // Delete and flush name a set without its type.
    private static NftSet SetOf(JsonElement obj, NftTable table, bool isMap) => obj.TryGetProperty("type", out _)
        ? ReadSet(obj, table, isMap)
        : isMap ? NftSet.VerdictMap(table, Required(obj, "name", "map")) : NftSet.Of(table, Required(obj, "name", "set"));

    // A map element is [key, value]; a concatenated key is an object, never an array.
    private static bool IsMapEntry(JsonElement e) => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2;
}
