using ForgeNet.Core.Model;

namespace ForgeNet.Cli;

/// <summary>The user-facing names of isolation modes, as in DESIGN.md and the policy files.</summary>
public static class IsolationModes
{
    public const string Names = "loopback-only (alias none), internal, private, peer-only, host (alias shared: no isolation)";

    public static IsolationMode Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "loopback-only" or "none" => IsolationMode.LoopbackOnly,
        "internal" => IsolationMode.Internal,
        "private" => IsolationMode.Private,
        "peer-only" => IsolationMode.PeerOnly,
        "host" or "shared" => IsolationMode.Host,
        "mesh-only" =>
            throw new UsageException($"isolation mode '{text}' is not available yet (available: {Names})"),
        _ => throw new UsageException($"unknown isolation mode '{text}' (available: {Names})"),
    };

    public static string Name(IsolationMode mode) => mode switch
    {
        IsolationMode.LoopbackOnly => "loopback-only",
        IsolationMode.Internal => "internal",
        IsolationMode.Private => "private",
        IsolationMode.PeerOnly => "peer-only",
        IsolationMode.Host => "host",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
