namespace ForgeNet.Kernel.Nftables;

/// <summary>Which kernel expression loads an <see cref="NftField"/>.</summary>
internal enum NftFieldKind
{
    Payload,
    Meta,
    Ct,
}
