using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

/// <summary>A parsed network configuration list (a "conflist"): the network, its spec version and the plugins in order.</summary>
public sealed class CniConfigList
{
    private CniConfigList(string name, string cniVersion, bool disableCheck, bool disableGc,
        IReadOnlyList<CniPluginConf> plugins, string text)
    {
        Name = name;
        CniVersion = cniVersion;
        DisableCheck = disableCheck;
        DisableGc = disableGc;
        Plugins = plugins;
        Text = text;
    }

    /// <summary>The network name (<c>name</c>), also given to every plugin.</summary>
    public string Name { get; }

    /// <summary>The spec version (<c>cniVersion</c>), also given to every plugin.</summary>
    public string CniVersion { get; }

    /// <summary><c>disableCheck</c>: CHECK is then a no-op.</summary>
    public bool DisableCheck { get; }

    /// <summary><c>disableGC</c>: GC is then a no-op.</summary>
    public bool DisableGc { get; }

    /// <summary>The plugins, in ADD order.</summary>
    public IReadOnlyList<CniPluginConf> Plugins { get; }

    /// <summary>The JSON text the list was parsed from (what the result cache keeps).</summary>
    public string Text { get; }

    /// <summary>Reads and parses a conflist file.</summary>
    public static CniConfigList Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniConfigException($"read CNI configuration list {path}: {e.Message}", e);
        }
        try
        {
            return Parse(text);
        }
        catch (CniConfigException e)
        {
            throw new CniConfigException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses conflist JSON; throws <see cref="CniConfigException"/> saying what is wrong.</summary>
    public static CniConfigList Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new CniConfigException("a CNI configuration list must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new CniConfigException($"not valid JSON: {e.Message}", e);
        }
        var name = RequiredString(root, "name", "the list");
        var version = RequiredString(root, "cniVersion", "the list");
        if (!CniVersions.TryParse(version, out _))
            throw new CniConfigException($"cniVersion '{version}' is not a version (MAJOR.MINOR.PATCH)");
        if (root["plugins"] is not JsonArray array || array.Count == 0)
            throw new CniConfigException("'plugins' must be a non-empty array (a single plugin's configuration is not a list)");
        var plugins = array.Select((node, i) => ParsePlugin(node, i)).ToList();
        return new CniConfigList(name, version, OptionalBool(root, "disableCheck"), OptionalBool(root, "disableGC"), plugins, json);
    }

    private static CniPluginConf ParsePlugin(JsonNode? node, int index)
    {
        var where = $"plugins[{index}]";
        if (node is not JsonObject plugin)
            throw new CniConfigException($"{where} must be a JSON object");
        var type = RequiredString(plugin, "type", where);
        PluginLocator.ThrowIfInvalidType(type, where);
        var capabilities = new HashSet<string>(StringComparer.Ordinal);
        if (plugin["capabilities"] is JsonObject declared)
        {
            foreach (var (key, value) in declared)
            {
                if (value is JsonValue v && v.TryGetValue<bool>(out var on) && on)
                    capabilities.Add(key);
            }
        }
        else if (plugin["capabilities"] is not null)
        {
            throw new CniConfigException($"{where}.capabilities must be an object of booleans");
        }
        return new CniPluginConf(type, capabilities, plugin);
    }

    private static string RequiredString(JsonObject o, string key, string where)
    {
        if (o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
            return s;
        throw new CniConfigException($"{where} needs a non-empty string '{key}'");
    }

    private static bool OptionalBool(JsonObject o, string key) => o[key] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw new CniConfigException($"'{key}' must be true or false"),
    };
}
