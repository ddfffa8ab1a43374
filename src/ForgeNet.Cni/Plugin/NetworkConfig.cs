using System.Text.Json;
using System.Text.RegularExpressions;
using ForgeNet.Cni.Spec;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cni.Plugin;

/// <summary>
/// A forge-cni network configuration (stdin): {"cniVersion", "name", "type": "forge-cni", "network", "subnets",
/// "internal", "mtu", "policy", "stateDir", "dns", "runtimeConfig", "prevResult", ...}; also the IPAM keys.
/// </summary>
internal sealed partial record NetworkConfig(string CniVersion, string Name, string Type)
{
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.\-]*\z")]
    private static partial Regex NamePattern();

    /// <summary>The ForgeNet network ("network", default: the CNI network name).</summary>
    public required string Network { get; init; }

    /// <summary>Subnets for a network made on first ADD (one IPv4, optionally one IPv6); none = ForgeNet picks a free /24.</summary>
    public IReadOnlyList<string> Subnets { get; init; } = [];

    /// <summary>A network made on first ADD has no route off the host.</summary>
    public bool Internal { get; init; }

    /// <summary>MTU of a network made on first ADD.</summary>
    public int? Mtu { get; init; }

    /// <summary>The state directory ("stateDir"; default FORGENET_STATE_DIR or /var/lib/forgenet).</summary>
    public string? StateDirectory { get; init; }

    /// <summary>The inline policy; null = the default policy (mode internal).</summary>
    public NetworkPolicy? Policy { get; init; }

    /// <summary>The runtime's capabilities.</summary>
    public RuntimeConfig Runtime { get; init; } = RuntimeConfig.None;

    /// <summary>The previous plugin's result (chained ADD, CHECK, DEL).</summary>
    public CniResult? PrevResult { get; init; }

    /// <summary>The config's own dns section.</summary>
    public CniDns Dns { get; init; } = new();

    /// <summary>GC: the attachments the runtime still holds; null when the key is absent.</summary>
    public IReadOnlyList<Attachment>? ValidAttachments { get; init; }

    /// <summary>The "ipam" section's type, if any.</summary>
    public string? IpamType { get; init; }

    /// <summary>IPAM mode: the routes the "ipam" section lists ({"dst", "gw"}), returned for the main plugin to add.</summary>
    public IReadOnlyList<CniRoute> Routes { get; init; } = [];

    /// <summary>True when the main plugin is another one whose "ipam" section names forge-ipam.</summary>
    public static bool IsIpamInvocation(byte[] stdin, string pluginName, string ipamName)
    {
        try
        {
            using var document = JsonDocument.Parse(stdin, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && !(root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == pluginName)
                && root.TryGetProperty("ipam", out var ipam) && ipam.ValueKind == JsonValueKind.Object
                && ipam.TryGetProperty("type", out var ipamType) && ipamType.ValueKind == JsonValueKind.String && ipamType.GetString() == ipamName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Parses and validates stdin (the inline policy only when <paramref name="readPolicy"/>); throws <see cref="CniException"/> with the spec's code on every problem.</summary>
    public static NetworkConfig Parse(byte[] stdin, bool ipamMode, bool readPolicy = true)
    {
        using var document = Decode(stdin);
        var root = document.RootElement;
        var version = Text(root, "cniVersion") ?? "0.1.0";
        var name = Text(root, "name") ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, "missing network name");
        if (!NamePattern().IsMatch(name))
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "invalid characters found in network name", name);
        if (!Spec.CniVersion.IsSupported(version))
            throw new CniException(CniErrorCode.IncompatibleVersion, "incompatible CNI versions",
                $"config is \"{version}\", plugin supports [{string.Join(", ", Spec.CniVersion.Supported.Select(v => $"\"{v}\""))}]");
        var keys = ipamMode ? Ipam(root) : root;
        return new NetworkConfig(version, name, Text(root, "type") ?? "")
        {
            Network = Text(keys, "pool") ?? Text(keys, "network") ?? name,
            Subnets = Strings(keys, "subnets"),
            Internal = keys.TryGetProperty("internal", out var i) && i.ValueKind == JsonValueKind.True,
            Mtu = keys.TryGetProperty("mtu", out var mtu) && mtu.TryGetInt32(out var m) ? m : null,
            StateDirectory = Text(keys, "stateDir") ?? Text(root, "stateDir"),
            Policy = ipamMode || !readPolicy ? null : InlinePolicy.Parse(stdin)?.Policy,
            Runtime = root.TryGetProperty("runtimeConfig", out var rc) && rc.ValueKind == JsonValueKind.Object ? RuntimeConfigReader.Read(rc) : RuntimeConfig.None,
            PrevResult = root.TryGetProperty("prevResult", out var prev) && prev.ValueKind == JsonValueKind.Object ? CniJson.ReadResult(prev) : null,
            Dns = keys.TryGetProperty("dns", out var dns) && dns.ValueKind == JsonValueKind.Object ? CniJson.ReadDns(dns) : new CniDns(),
            Routes = ipamMode ? RoutesOf(keys) : [],
            ValidAttachments = ValidAttachmentsOf(root),
            IpamType = root.TryGetProperty("ipam", out var ipam) && ipam.ValueKind == JsonValueKind.Object ? Text(ipam, "type") : null,
        };
    }

    /// <summary>Only the cniVersion (VERSION reads stdin for it; empty stdin is fine).</summary>
    public static string? PeekVersion(byte[] stdin)
    {
        if (stdin.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(stdin);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "cniVersion") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonDocument Decode(byte[] stdin)
    {
        try
        {
            var document = JsonDocument.Parse(stdin, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw new CniException(CniErrorCode.DecodingFailure, "error unmarshalling network config: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"error unmarshalling network config: {e.Message}");
        }
    }

    private static JsonElement Ipam(JsonElement root) =>
        root.TryGetProperty("ipam", out var ipam) && ipam.ValueKind == JsonValueKind.Object
            ? ipam
            : throw new CniException(CniErrorCode.InvalidNetworkConfig, "forge-ipam needs an \"ipam\" section");

    private static List<CniRoute> RoutesOf(JsonElement ipam)
    {
        if (!ipam.TryGetProperty("routes", out var routes) || routes.ValueKind == JsonValueKind.Null) return [];
        if (routes.ValueKind != JsonValueKind.Array)
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "ipam.routes must be a list of {\"dst\", \"gw\"}");
        return routes.EnumerateArray().Select(r => new CniRoute(
            Text(r, "dst") ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, "ipam.routes[].dst is missing"), Text(r, "gw"))).ToList();
    }

    // libcni 1.1 sends both spellings (cni.dev/attachments was a mistake in an early 1.1 draft).
    private static List<Attachment>? ValidAttachmentsOf(JsonElement root)
    {
        foreach (var key in (string[])["cni.dev/valid-attachments", "cni.dev/attachments"])
        {
            if (!root.TryGetProperty(key, out var list)) continue;
            if (list.ValueKind != JsonValueKind.Array)
                throw new CniException(CniErrorCode.InvalidNetworkConfig, $"\"{key}\" must be a list");
            return list.EnumerateArray().Select(a => new Attachment(
                Text(a, "containerID") ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, $"\"{key}\"[].containerID is missing"),
                Text(a, "ifname") ?? "")).ToList();
        }
        return null;
    }

    internal static string? Text(JsonElement json, string name)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new CniException(CniErrorCode.InvalidNetworkConfig, $"\"{name}\" must be a string");
    }

    internal static List<string> Strings(JsonElement json, string name)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"\"{name}\" must be a list of strings");
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
