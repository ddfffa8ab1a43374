namespace ForgeNet.Kernel.Nftables;

/// <summary>How values of an <see cref="NftType"/> are written.</summary>
internal enum NftTypeKind
{
    Ipv4,
    Ipv6,
    Ether,
    IfName,
    /// <summary>A number, or a name from the type's table.</summary>
    Integer,
    /// <summary>Flags: a name, a list of names, or a number; matched with a mask by <c>in</c>.</summary>
    Bitmask,
    Verdict,
}
