namespace ForgeNet.Core.Policy;

/// <summary>A validated policy, the warnings met on the way, and the Phantom Fragment profile name when the file was one.</summary>
public sealed record PolicyLoadResult(NetworkPolicy Policy, IReadOnlyList<PolicyWarning> Warnings, string? ProfileName);
