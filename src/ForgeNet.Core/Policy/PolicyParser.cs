namespace ForgeNet.Core.Policy;

/// <summary>Reads a policy mapping into a <see cref="NetworkPolicy"/>; value errors fail here, with the value's position.</summary>
internal sealed partial class PolicyParser(PolicyParseContext context)
{
    /// <summary>The keys of a policy, in the order the canonical form writes them.</summary>
    public static readonly string[] PolicyKeys =
        ["version", "description", "mode", "dns", "anti-spoofing", "ipv6-hygiene", "ingress", "egress", "ports", "limits"];

    /// <summary>The only format version so far.</summary>
    public const string Version = "1";

    public PolicyParseContext Context { get; } = context;

    public NetworkPolicy ParsePolicy(YamlCursor root)
    {
        var policy = NetworkPolicy.Default;
        if (root.IsNull) return policy;
        foreach (var (key, value) in root.Entries(PolicyKeys))
            policy = ParseEntry(policy, key, value);
        return policy;
    }

    private NetworkPolicy ParseEntry(NetworkPolicy policy, string key, YamlCursor value) => key switch
    {
        "version" => ParseVersion(policy, value),
        "description" => policy with { Description = value.Scalar("a description") },
        "mode" => policy with { Mode = ParseMode(value) },
        "dns" => policy with { Dns = value.Bool() ? DnsSettings.AllowResolver : DnsSettings.Deny },
        "anti-spoofing" => policy with { AntiSpoofing = value.Bool() },
        "ipv6-hygiene" => policy with { Ipv6Hygiene = value.Bool() },
        "ingress" => policy with { Ingress = ParseRules(value, Direction.Ingress) },
        "egress" => policy with { Egress = ParseRules(value, Direction.Egress) },
        "ports" => policy with { Ports = ParsePortMappings(value) },
        "limits" => policy with { Limits = ParseLimits(value) },
        _ => throw value.Error($"unhandled key '{key}'"),
    };

    private static NetworkPolicy ParseVersion(NetworkPolicy policy, YamlCursor value)
    {
        var version = value.Scalar("a version number");
        return version == Version ? policy : throw value.Error($"unsupported version '{version}'; this ForgeNet reads version {Version}");
    }

    private static PolicyMode ParseMode(YamlCursor value)
    {
        var name = value.Scalar("a mode");
        return PolicyModes.TryParse(name, out var mode)
            ? mode
            : throw value.Error($"'{name}' is not a mode{Spelling.Hint(name, PolicyModes.Names)}; use one of: {string.Join(", ", PolicyModes.Names)}");
    }

    private enum Direction
    {
        Ingress,
        Egress,
    }
}
