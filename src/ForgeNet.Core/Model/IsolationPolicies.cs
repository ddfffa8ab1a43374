using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Model;

/// <summary>The one place where isolation modes and policy modes meet, and where each mode's default policy is made.</summary>
public static class IsolationPolicies
{
    /// <summary>The policy mode of an isolation mode.</summary>
    public static PolicyMode ToPolicyMode(this IsolationMode mode) => mode switch
    {
        IsolationMode.LoopbackOnly => PolicyMode.LoopbackOnly,
        IsolationMode.Internal => PolicyMode.Internal,
        IsolationMode.Private => PolicyMode.Private,
        IsolationMode.PeerOnly => PolicyMode.PeerOnly,
        IsolationMode.Host => PolicyMode.Host,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>The isolation mode a policy asks for.</summary>
    public static IsolationMode FromPolicyMode(PolicyMode mode) => mode switch
    {
        PolicyMode.LoopbackOnly => IsolationMode.LoopbackOnly,
        PolicyMode.Internal => IsolationMode.Internal,
        PolicyMode.Private => IsolationMode.Private,
        PolicyMode.PeerOnly => IsolationMode.PeerOnly,
        PolicyMode.Host => IsolationMode.Host,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>The policy a sandbox gets when it names none: its mode with no rules (internal: every peer on the same network).</summary>
    public static NetworkPolicy DefaultPolicy(this IsolationMode mode) =>
        mode == IsolationMode.LoopbackOnly ? NetworkPolicy.Default : new NetworkPolicy { Mode = mode.ToPolicyMode() };

    /// <summary>True for the modes whose sandboxes are attached to networks.</summary>
    public static bool HasNetwork(this IsolationMode mode) => mode is not (IsolationMode.LoopbackOnly or IsolationMode.Host);
}
