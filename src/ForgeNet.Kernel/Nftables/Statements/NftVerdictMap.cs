namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Looks <see cref="Key"/> up in a verdict map and applies the verdict found (<c>iifname vmap @dispatch</c>);
/// <see cref="Map"/> is an <see cref="NftSetRef"/> or an <see cref="NftAnonymousSet"/> of <see cref="NftMapEntry"/>.
/// </summary>
public sealed record NftVerdictMap(NftExpr Key, NftValue Map) : NftStatement;
