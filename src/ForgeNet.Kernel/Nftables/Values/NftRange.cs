namespace ForgeNet.Kernel.Nftables;

/// <summary>An inclusive range of two values of the same type.</summary>
public sealed record NftRange(NftValue From, NftValue To) : NftValue;
