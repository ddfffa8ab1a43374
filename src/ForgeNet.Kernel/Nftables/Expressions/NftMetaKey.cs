namespace ForgeNet.Kernel.Nftables;

/// <summary>Packet metadata for <c>meta KEY</c> expressions.</summary>
public enum NftMetaKey
{
    Length,
    Protocol,
    NfProto,
    L4Proto,
    Mark,
    Iif,
    IifName,
    IifType,
    Oif,
    OifName,
    OifType,
    SkUid,
    SkGid,
    Priority,
    PktType,
    CGroup,
}
