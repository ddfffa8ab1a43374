namespace ForgeNet.Core.Policy;

/// <summary>The YAML names of <see cref="PolicyMode"/> values.</summary>
public static class PolicyModes
{
    /// <summary>The canonical names, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["loopback-only", "private", "internal", "peer-only", "host"];

    /// <summary>The canonical YAML name ("loopback-only", "peer-only", ...).</summary>
    public static string ToName(this PolicyMode mode) => mode switch
    {
        PolicyMode.LoopbackOnly => "loopback-only",
        PolicyMode.Private => "private",
        PolicyMode.Internal => "internal",
        PolicyMode.PeerOnly => "peer-only",
        PolicyMode.Host => "host",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>Reads a canonical name or an alias (<c>none</c>, <c>shared</c>).</summary>
    public static bool TryParse(string? name, out PolicyMode mode)
    {
        (var ok, mode) = name switch
        {
            "loopback-only" or "none" => (true, PolicyMode.LoopbackOnly),
            "private" => (true, PolicyMode.Private),
            "internal" => (true, PolicyMode.Internal),
            "peer-only" => (true, PolicyMode.PeerOnly),
            "host" or "shared" => (true, PolicyMode.Host),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>True when the sandbox gets an interface on a bridge (the modes where rules apply).</summary>
    public static bool HasNetwork(this PolicyMode mode) =>
        mode is PolicyMode.Private or PolicyMode.Internal or PolicyMode.PeerOnly;
}
