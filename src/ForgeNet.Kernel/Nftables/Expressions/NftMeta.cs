namespace ForgeNet.Kernel.Nftables;

/// <summary>Packet metadata: <c>meta iifname</c>, <c>meta l4proto</c>, …</summary>
public sealed record NftMeta(NftMetaKey Key) : NftExpr;
