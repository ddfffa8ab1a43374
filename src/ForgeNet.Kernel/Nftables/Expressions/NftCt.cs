namespace ForgeNet.Kernel.Nftables;

/// <summary>A conntrack property: <c>ct state</c>, <c>ct mark</c>, …</summary>
public sealed record NftCt(NftCtKey Key) : NftExpr;
