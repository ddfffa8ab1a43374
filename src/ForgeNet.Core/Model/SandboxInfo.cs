namespace ForgeNet.Core.Model;

/// <summary>A sandbox as the engine reports it.</summary>
public sealed record SandboxInfo(string Name, string Id, IsolationMode Isolation, string NamespacePath,
    DateTimeOffset Created, int? OwnerPid, IReadOnlyList<EndpointInfo> Endpoints)
{
    /// <summary>The policy in force, as canonical YAML (what <c>forge policy show</c> prints).</summary>
    public string? PolicyYaml { get; init; }

    /// <summary>True when a runtime owns the namespace at <see cref="NamespacePath"/> (ForgeNet never deletes it).</summary>
    public bool ExternalNamespace { get; init; }

    /// <summary>The runtime's container id, when a runtime made the sandbox.</summary>
    public string? ContainerId { get; init; }

    /// <summary>The labels the sandbox carries.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
