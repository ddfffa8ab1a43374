using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

/// <summary>One entry of a configuration list's <c>plugins</c>: its <c>type</c>, declared capabilities and the raw object.</summary>
public sealed class CniPluginConf
{
    internal CniPluginConf(string type, IReadOnlySet<string> capabilities, JsonObject raw)
    {
        Type = type;
        Capabilities = capabilities;
        Raw = raw;
    }

    /// <summary>The plugin's executable name (a bare name, already validated).</summary>
    public string Type { get; }

    /// <summary>The capabilities the plugin declared true in <c>capabilities</c>; only these get <c>runtimeConfig</c> keys.</summary>
    public IReadOnlySet<string> Capabilities { get; }

    /// <summary>The plugin's object as written (never modified; the runner works on copies).</summary>
    public JsonObject Raw { get; }

    /// <summary>A deep copy of the raw object, to be completed into one invocation's stdin.</summary>
    public JsonObject CloneRaw() => (JsonObject)Raw.DeepClone();
}
