namespace ForgeNet.Kernel.Nftables;

/// <summary>An anonymous set written in place (<c>{ 53, 5353 }</c>); for an anonymous verdict map its elements are <see cref="NftMapEntry"/>.</summary>
public sealed record NftAnonymousSet(IReadOnlyList<NftValue> Elements) : NftValue;
