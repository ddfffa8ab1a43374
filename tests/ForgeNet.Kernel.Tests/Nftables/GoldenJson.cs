using System.Text.Json.Nodes;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>
/// Splits nft JSON (a listing, or a batch of "add" commands) into objects keyed "table", "set allow4",
/// "map dispatch_in", "chain forward", "rule ep1 3" (the third rule of ep1), without kernel handles.
/// </summary>
internal static class GoldenJson
{
    public static Dictionary<string, JsonObject> Listing(string json, string? renameTable = null) =>
        Index(Items(json).Select(i => i!.AsObject()), renameTable);

    /// <summary>The objects of the "add" commands of a batch; the last add of an object wins (ReplaceTable adds twice).</summary>
    public static Dictionary<string, JsonObject> Adds(string json, string? renameTable = null) =>
        Index(Items(json).Select(i => i!.AsObject()).Where(o => o.ContainsKey("add")).Select(o => o["add"]!.AsObject()), renameTable);

    private static JsonArray Items(string json) => JsonNode.Parse(json)!["nftables"]!.AsArray();

    private static Dictionary<string, JsonObject> Index(IEnumerable<JsonObject> items, string? renameTable)
    {
        var result = new Dictionary<string, JsonObject>();
        var ruleCount = new Dictionary<string, int>();
        foreach (var item in items)
        {
            var (kind, node) = item.Single();
            if (kind == "metainfo")
                continue;
            var obj = node!.DeepClone().AsObject();
            obj.Remove("handle");
            Rename(obj, kind, renameTable);
            var key = kind switch
            {
                "table" => "table",
                "rule" => $"rule {obj["chain"]} {ruleCount[(string)obj["chain"]!] = ruleCount.GetValueOrDefault((string)obj["chain"]!) + 1}",
                _ => $"{kind} {obj["name"]}",
            };
            result[key] = obj;
        }
        return result;
    }

    private static void Rename(JsonObject obj, string kind, string? table)
    {
        if (table is null)
            return;
        obj[kind == "table" ? "name" : "table"] = table;
    }
}
