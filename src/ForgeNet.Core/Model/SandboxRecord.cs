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

    /// <summary>The labels the sandbox carries, sorted by key (policies select peers by them).</summary>
    public IReadOnlyList<Policy.Label> Labels { get; init; } = [];
}
