namespace ForgeNet.Kernel.Nftables;

/// <summary>A value this model does not know, kept as nft's JSON so it survives a round trip.</summary>
public sealed record NftRawValue(string Json) : NftValue;
