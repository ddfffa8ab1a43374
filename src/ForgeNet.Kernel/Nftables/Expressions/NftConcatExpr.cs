namespace ForgeNet.Kernel.Nftables;

/// <summary>A concatenation of expressions: <c>ip daddr . th dport</c>.</summary>
public sealed record NftConcatExpr(IReadOnlyList<NftExpr> Parts) : NftExpr;
