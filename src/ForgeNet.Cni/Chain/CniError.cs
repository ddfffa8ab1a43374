using System.Text.Json;
using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

/// <summary>The error a plugin printed on stdout (CNI "Error" JSON): a code, a message and optional details.</summary>
public sealed record CniError(int Code, string Msg, string? Details = null)
{
    /// <summary>Incompatible CNI version.</summary>
    public const int IncompatibleVersion = 1;

    /// <summary>Unsupported field in network configuration.</summary>
    public const int UnsupportedField = 2;

    /// <summary>Container unknown or does not exist.</summary>
    public const int ContainerUnknown = 3;

    /// <summary>Invalid necessary environment variables.</summary>
    public const int InvalidEnvironment = 4;

    /// <summary>I/O failure.</summary>
    public const int IoFailure = 5;

    /// <summary>Failed to decode content.</summary>
    public const int DecodeFailure = 6;

    /// <summary>Invalid network config.</summary>
    public const int InvalidNetworkConfig = 7;

    /// <summary>Try again later.</summary>
    public const int TryAgainLater = 11;

    /// <summary>STATUS: the plugin is not available (cannot service ADD).</summary>
    public const int PluginNotAvailable = 50;

    /// <summary>STATUS: limited connectivity.</summary>
    public const int LimitedConnectivity = 51;

    /// <summary>Reads a CNI error object; false when <paramref name="stdout"/> is not one (no numeric <c>code</c>).</summary>
    public static bool TryParse(string stdout, out CniError error)
    {
        error = new CniError(0, "");
        if (string.IsNullOrWhiteSpace(stdout))
            return false;
        try
        {
            if (JsonNode.Parse(stdout) is not JsonObject o
                || o["code"] is not JsonValue code || !code.TryGetValue<int>(out var number))
                return false;
            error = new CniError(number, Text(o, "msg") ?? "", Text(o, "details"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>"MSG: DETAILS (code N)".</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Details) ? $"{Msg} (code {Code})" : $"{Msg}: {Details} (code {Code})";

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
