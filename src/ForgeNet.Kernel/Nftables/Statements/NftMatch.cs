namespace ForgeNet.Kernel.Nftables;

/// <summary>Compares an expression with a value; the rule stops here when it does not hold (<c>ip saddr 10.0.0.0/8</c>).</summary>
public sealed record NftMatch(NftExpr Left, NftOp Op, NftValue Right) : NftStatement;
