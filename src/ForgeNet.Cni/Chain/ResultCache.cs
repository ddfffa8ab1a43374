using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

/// <summary>
/// Results of ADD kept on disk the way libcni keeps them (<c>DIR/results/NETWORK-CONTAINERID-IFNAME</c>, kind
/// "cniCacheV1", the configuration base64-encoded), so DEL and CHECK get their prevResult, possibly from another process.
/// </summary>
public sealed class ResultCache(string directory)
{
    private const string Kind = "cniCacheV1";

    /// <summary>The cache's root directory; entries live in its <c>results</c> folder.</summary>
    public string Directory { get; } = directory;

    private string ResultsDirectory => Path.Join(Directory, "results");

    /// <summary>The file that holds one attachment's entry.</summary>
    public string PathOf(string network, string containerId, string ifName) =>
        Path.Join(ResultsDirectory, $"{network}-{containerId}-{ifName}");

    /// <summary>Writes (atomically replaces) the entry.</summary>
    public void Save(CachedAttachment entry)
    {
        System.IO.Directory.CreateDirectory(ResultsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var a = entry.Attachment;
        var args = new JsonArray(a.Args.Select(p => (JsonNode)new JsonArray(p.Key, p.Value)).ToArray());
        var capabilities = new JsonObject(a.CapabilityArgs.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var o = new JsonObject
        {
            ["kind"] = Kind,
            ["containerId"] = a.ContainerId,
            ["config"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(entry.ConfigText)),
            ["ifName"] = a.IfName,
            ["networkName"] = entry.NetworkName,
            ["netns"] = a.NetNsPath,
            ["cniArgs"] = args,
            ["capabilityArgs"] = capabilities,
            ["result"] = entry.Result.DeepClone(),
        };
        var path = PathOf(entry.NetworkName, a.ContainerId, a.IfName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, o.ToJsonString(), Encoding.UTF8);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The entry for the attachment, or null when there is none (or it cannot be read).</summary>
    public CachedAttachment? TryLoad(string network, string containerId, string ifName)
    {
        var path = PathOf(network, containerId, ifName);
        return File.Exists(path) ? TryRead(path) : null;
    }

    /// <summary>Removes the entry; no error when it is absent.</summary>
    public void Delete(string network, string containerId, string ifName)
    {
        var path = PathOf(network, containerId, ifName);
        if (File.Exists(path))
            File.Delete(path);
    }

    /// <summary>Every readable entry for <paramref name="network"/>.</summary>
    public IReadOnlyList<CachedAttachment> List(string network)
    {
        if (!System.IO.Directory.Exists(ResultsDirectory))
            return [];
        return System.IO.Directory.EnumerateFiles(ResultsDirectory, $"{network}-*")
            .Where(p => !p.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(TryRead)
            .OfType<CachedAttachment>()
            .Where(e => e.NetworkName == network)
            .ToList();
    }

    private static CachedAttachment? TryRead(string path)
    {
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8)) is not JsonObject o || Text(o, "kind") != Kind)
                return null;
            var attachment = new CniAttachment(Text(o, "containerId") ?? "", Text(o, "netns"), Text(o, "ifName") ?? "")
            {
                Args = (o["cniArgs"] as JsonArray ?? [])
                    .OfType<JsonArray>()
                    .Where(p => p.Count == 2)
                    .Select(p => KeyValuePair.Create(p[0]?.GetValue<string>() ?? "", p[1]?.GetValue<string>() ?? ""))
                    .ToList(),
                CapabilityArgs = (o["capabilityArgs"] as JsonObject ?? [])
                    .ToDictionary(p => p.Key, p => p.Value?.DeepClone()),
            };
            var config = Encoding.UTF8.GetString(Convert.FromBase64String(Text(o, "config") ?? ""));
            var result = o["result"] as JsonObject ?? [];
            return new CachedAttachment(Text(o, "networkName") ?? "", attachment, config, (JsonObject)result.DeepClone());
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
