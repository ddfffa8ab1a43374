namespace ForgeNet.Kernel.Nftables;

/// <summary>How an <see cref="NftablesBackend"/>'s transactions were applied so far, for tests and diagnostics.</summary>
public sealed record NftApplyCounts(long Direct, long Libnftables, string? LastFallbackReason);
