using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

/// <summary>
/// Derives one plugin's stdin from the list, as the spec's "deriving execution configuration" says: the list's
/// <c>name</c> and <c>cniVersion</c>, <c>runtimeConfig</c> holding only the capabilities the plugin declares and the
/// runtime supplies, and <c>prevResult</c> passed through as raw JSON.
/// </summary>
public static class PluginConfigBuilder
{
    /// <summary>The key under which GC receives the attachments still in use.</summary>
    public const string ValidAttachmentsKey = "cni.dev/valid-attachments";

    /// <summary>The configuration object for <paramref name="plugin"/>; null arguments are left out.</summary>
    public static JsonObject Build(CniConfigList list, CniPluginConf plugin, JsonNode? prevResult,
        IReadOnlyDictionary<string, JsonNode?>? capabilityArgs)
    {
        var config = plugin.CloneRaw();
        config["name"] = list.Name;
        config["cniVersion"] = list.CniVersion;
        var runtimeConfig = RuntimeConfig(plugin, capabilityArgs);
        if (runtimeConfig is not null)
            config["runtimeConfig"] = runtimeConfig;
        if (prevResult is not null)
            config["prevResult"] = prevResult.DeepClone();
        else
            config.Remove("prevResult");
        return config;
    }

    private static JsonObject? RuntimeConfig(CniPluginConf plugin, IReadOnlyDictionary<string, JsonNode?>? capabilityArgs)
    {
        if (capabilityArgs is null || plugin.Capabilities.Count == 0)
            return null;
        JsonObject? rc = null;
        foreach (var capability in plugin.Capabilities.Order(StringComparer.Ordinal))
        {
            if (!capabilityArgs.TryGetValue(capability, out var value) || value is null)
                continue;
            rc ??= [];
            rc[capability] = value.DeepClone();
        }
        return rc;
    }
}
