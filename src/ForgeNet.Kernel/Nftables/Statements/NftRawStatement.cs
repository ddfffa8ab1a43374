namespace ForgeNet.Kernel.Nftables;

/// <summary>A statement this model does not know, kept as nft's JSON so it survives a round trip.</summary>
public sealed record NftRawStatement(string Json) : NftStatement;
