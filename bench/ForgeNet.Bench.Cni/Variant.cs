using System.Text.Json.Nodes;

namespace ForgeNet.Bench.Cni;

/// <summary>One side of the comparison: a conflist (made per lab), the plugin directories and the per-container capability arguments.</summary>
public sealed record Variant(string Name, string Description, IReadOnlyList<string> PluginDirectories,
    Func<BenchLab, string> Conflist, Func<int, IReadOnlyDictionary<string, JsonNode?>> CapabilityArgs)
{
    /// <summary>No capability arguments.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> None(int container) => new Dictionary<string, JsonNode?>();

    /// <summary>A published port per container (20000 + i → 80).</summary>
    public static IReadOnlyDictionary<string, JsonNode?> PortOnly(int container) => new Dictionary<string, JsonNode?>
    {
        ["portMappings"] = new JsonArray(new JsonObject { ["hostPort"] = 20000 + container, ["containerPort"] = 80, ["protocol"] = "tcp" }),
    };

    /// <summary>A published port per container (20000 + i → 80) and a 100 Mbit/s limit both ways.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> PortAndBandwidth(int container) => new Dictionary<string, JsonNode?>
    {
        ["portMappings"] = new JsonArray(new JsonObject { ["hostPort"] = 20000 + container, ["containerPort"] = 80, ["protocol"] = "tcp" }),
        ["bandwidth"] = new JsonObject { ["ingressRate"] = 100_000_000, ["ingressBurst"] = 1_000_000, ["egressRate"] = 100_000_000, ["egressBurst"] = 1_000_000 },
    };
}
