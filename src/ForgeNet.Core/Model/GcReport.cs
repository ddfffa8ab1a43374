namespace ForgeNet.Core.Model;

/// <summary>What garbage collection removed: one human-readable line per thing.</summary>
public sealed record GcReport(IReadOnlyList<string> Removed);
