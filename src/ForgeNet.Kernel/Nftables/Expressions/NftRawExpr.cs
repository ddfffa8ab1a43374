namespace ForgeNet.Kernel.Nftables;

/// <summary>An expression this model does not know, kept as nft's JSON so it survives a round trip.</summary>
public sealed record NftRawExpr(string Json) : NftExpr;
