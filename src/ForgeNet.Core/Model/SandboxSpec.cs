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

    /// <summary>
    /// A network namespace a runtime owns (/proc/PID/ns/net, /run/netns/X): the sandbox is made in it and ForgeNet
    /// never deletes it; null = ForgeNet makes one. Needs at least one network.
    /// </summary>
    public string? NamespacePath { get; init; }

    /// <summary>The interface name on the first network (CNI_IFNAME); null = eth0. Further networks get eth1, eth2, ...</summary>
    public string? InterfaceName { get; init; }

    /// <summary>The MAC of the interface on the first network, "02:ab:cd:ef:01:23"; null = derived from its host-side name.</summary>
    public string? Mac { get; init; }

    /// <summary>
    /// The runtime's container id (CNI_CONTAINERID). With the first interface's name it names one attachment:
    /// a second sandbox with the same pair is refused (AlreadyExists); <see cref="Engine.FindAttachment"/> finds the first.
    /// </summary>
    public string? ContainerId { get; init; }
}
