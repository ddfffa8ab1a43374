namespace ForgeNet.Kernel.Nftables;

/// <summary>A concatenation of values (<c>10.0.0.1 . 53</c>), for keys of a concatenated type.</summary>
public sealed record NftConcat(IReadOnlyList<NftValue> Parts) : NftValue;
