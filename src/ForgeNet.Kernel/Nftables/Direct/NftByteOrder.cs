namespace ForgeNet.Kernel.Nftables;

/// <summary>How a value's bytes are laid out in a register: network order, or the host's (little-endian here).</summary>
internal enum NftByteOrder
{
    /// <summary>Not a number (concatenations, some of nft's integer types): what nft records as BYTEORDER_INVALID.</summary>
    Invalid = 0,
    Host = 1,
    Big = 2,
}
