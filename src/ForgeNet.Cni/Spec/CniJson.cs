using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ForgeNet.Cni.Spec;

/// <summary>
/// The CNI wire format: results in the shape of each cniVersion, errors, VERSION output, and results read back
/// (prevResult). Written with Utf8JsonWriter and read from JsonElement: no reflection, so NativeAOT-safe.
/// </summary>
public static class CniJson
{
    // Relaxed escaping: messages keep their quotes readable ("config is \"9.9.9\"", not \u0022); the output is UTF-8 JSON on a pipe, never HTML.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The result as cniVersion <paramref name="version"/> shapes it (0.3.x/0.4.0: ips[].version; 1.1.0: mtu, priority).</summary>
    public static string WriteResult(CniResult result, string version)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("cniVersion", version);
            if (result.Interfaces.Count > 0)
            {
                w.WriteStartArray("interfaces");
                foreach (var i in result.Interfaces) WriteInterface(w, i, version);
                w.WriteEndArray();
            }
            w.WriteStartArray("ips");
            foreach (var ip in result.Ips) WriteIp(w, ip, version);
            w.WriteEndArray();
            if (result.Routes.Count > 0)
            {
                w.WriteStartArray("routes");
                foreach (var r in result.Routes) WriteRoute(w, r, version);
                w.WriteEndArray();
            }
            WriteDns(w, result.Dns);
            w.WriteEndObject();
        });
    }

    /// <summary>{"cniVersion", "code", "msg", "details"}.</summary>
    public static string WriteError(string version, int code, string message, string? details) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("cniVersion", version);
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        if (!string.IsNullOrEmpty(details)) w.WriteString("details", details);
        w.WriteEndObject();
    });

    /// <summary>VERSION's answer: {"cniVersion", "supportedVersions"}.</summary>
    public static string WriteVersionInfo(string version) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("cniVersion", version);
        w.WriteStartArray("supportedVersions");
        foreach (var v in CniVersion.Supported) w.WriteStringValue(v);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Reads a result of any supported version (a prevResult); throws <see cref="CniException"/> (decoding) when malformed.</summary>
    public static CniResult ReadResult(JsonElement json)
    {
        try
        {
            if (json.ValueKind != JsonValueKind.Object) throw new FormatException("a result must be an object");
            return new CniResult
            {
                Interfaces = Array(json, "interfaces").Select(i =>
                    new CniInterface(Text(i, "name") ?? throw new FormatException("interfaces[].name is missing"), Text(i, "mac"), Text(i, "sandbox"))
                    {
                        Mtu = Number(i, "mtu"),
                    }).ToList(),
                Ips = Array(json, "ips").Select(ip =>
                    new CniIpConfig(Text(ip, "address") ?? throw new FormatException("ips[].address is missing"), Text(ip, "gateway"), Number(ip, "interface"))).ToList(),
                Routes = Array(json, "routes").Select(r =>
                    new CniRoute(Text(r, "dst") ?? throw new FormatException("routes[].dst is missing"), Text(r, "gw")) { Priority = Number(r, "priority") }).ToList(),
                Dns = json.TryGetProperty("dns", out var dns) && dns.ValueKind == JsonValueKind.Object ? ReadDns(dns) : new CniDns(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"invalid prevResult: {e.Message}");
        }
    }

    /// <summary>Reads a dns object ({"nameservers", "domain", "search", "options"}).</summary>
    public static CniDns ReadDns(JsonElement dns) => new()
    {
        Nameservers = Strings(dns, "nameservers"),
        Domain = Text(dns, "domain"),
        Search = Strings(dns, "search"),
        Options = Strings(dns, "options"),
    };

    private static void WriteInterface(Utf8JsonWriter w, CniInterface i, string version)
    {
        w.WriteStartObject();
        w.WriteString("name", i.Name);
        if (i.Mac is not null) w.WriteString("mac", i.Mac);
        if (i.Mtu is { } mtu && CniVersion.HasMtuAndPriority(version)) w.WriteNumber("mtu", mtu);
        if (i.Sandbox is not null) w.WriteString("sandbox", i.Sandbox);
        w.WriteEndObject();
    }

    private static void WriteIp(Utf8JsonWriter w, CniIpConfig ip, string version)
    {
        w.WriteStartObject();
        if (CniVersion.HasIpVersion(version)) w.WriteString("version", ip.Version);
        w.WriteString("address", ip.Address);
        if (ip.Gateway is not null) w.WriteString("gateway", ip.Gateway);
        if (ip.Interface is { } index) w.WriteNumber("interface", index);
        w.WriteEndObject();
    }

    private static void WriteRoute(Utf8JsonWriter w, CniRoute r, string version)
    {
        w.WriteStartObject();
        w.WriteString("dst", r.Dst);
        if (r.Gw is not null) w.WriteString("gw", r.Gw);
        if (r.Priority is { } priority && CniVersion.HasMtuAndPriority(version)) w.WriteNumber("priority", priority);
        w.WriteEndObject();
    }

    private static void WriteDns(Utf8JsonWriter w, CniDns dns)
    {
        w.WriteStartObject("dns");
        if (dns.Nameservers.Count > 0) WriteStrings(w, "nameservers", dns.Nameservers);
        if (dns.Domain is not null) w.WriteString("domain", dns.Domain);
        if (dns.Search.Count > 0) WriteStrings(w, "search", dns.Search);
        if (dns.Options.Count > 0) WriteStrings(w, "options", dns.Options);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IEnumerable<JsonElement> Array(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static List<string> Strings(JsonElement json, string name) =>
        Array(json, name).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
}
