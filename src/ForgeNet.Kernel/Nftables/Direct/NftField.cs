namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// What a rule's left-hand side loads: a payload field (header base, bit offset and length), a meta or ct key, with
/// the type of its values, the byte order nft records for it, the protocol it belongs to (for the dependency nft
/// adds in front of it) and nft's "typeof" description of it, which an anonymous set keyed by it carries.
/// </summary>
internal sealed record NftField(NftFieldKind Kind, NftType Type, int Length, NftByteOrder ByteOrder, string? Protocol,
    uint Base, uint Offset, uint Key, byte[] TypeOf)
{
    /// <summary>The 32-bit registers the loaded value takes.</summary>
    public int RegisterWords => (Length + 3) / 4;
}
