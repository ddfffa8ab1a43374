using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Model;

/// <summary>What a caller asks for when creating a sandbox.</summary>
public sealed record SandboxSpec(string Name)
{
    /// <summary>Networks to attach, in order: the first gets eth0, the next eth1, ...</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>Optional fixed addresses; each goes to the attached network whose subnet holds it.</summary>
    public IReadOnlyList<string> RequestedAddresses { get; init; } = [];

    /// <summary>Null: the mode of <see cref="Policy"/>, else Internal when <see cref="Networks"/> is non-empty, else LoopbackOnly.</summary>
    public IsolationMode? Isolation { get; init; }

    /// <summary>The network policy; null = the default of the isolation mode. Its mode and <see cref="Isolation"/> must agree.</summary>
    public NetworkPolicy? Policy { get; init; }

    /// <summary>Labels the sandbox carries (Kubernetes syntax): policies select peers by them with <c>{labels: {key: value}}</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Set by <c>forge run</c>: garbage collection tears the sandbox down once this PID is gone.</summary>
    public int? OwnerPid { get; init; }
}
