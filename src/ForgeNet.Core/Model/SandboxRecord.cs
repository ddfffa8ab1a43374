using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core.Model;

/// <summary>
/// A sandbox as stored. <see cref="Actor"/> is the process that set <see cref="State"/> (the creator while
/// Creating, the remover while Removing): if it dies mid-way, garbage collection finishes the job.
/// </summary>
internal sealed record SandboxRecord(string Id, string Name, IsolationMode Isolation, string Namespace,
    SandboxState State, ProcessIdentity? Owner, ProcessIdentity Actor, DateTimeOffset Created)
{
    /// <summary>The policy in force as canonical YAML; null for records made before policies were stored (their mode's default).</summary>
    public string? PolicyYaml { get; init; }

    /// <summary>
    /// The identity of the runtime's namespace when ForgeNet did not make it (then <see cref="Namespace"/> is its
    /// path, never deleted by ForgeNet); null when <see cref="Namespace"/> names ForgeNet's own under /run/netns.
    /// </summary>
    public NamespaceId? ExternalNamespace { get; init; }

    /// <summary>The host ports its policy publishes (<see cref="Operations.PublishedPorts"/> text); null for records made before it was stored.</summary>
    public string? Published { get; init; }

    /// <summary>The runtime's container id (CNI_CONTAINERID), when a runtime made the sandbox.</summary>
    public string? ContainerId { get; init; }

    /// <summary>True when a runtime owns the namespace.</summary>
    public bool IsExternal => ExternalNamespace is not null;

    /// <summary>The labels the sandbox carries, sorted by key (policies select peers by them).</summary>
    public IReadOnlyList<Policy.Label> Labels { get; init; } = [];
}
