namespace ForgeNet.Kernel.Nftables;

/// <summary>What a <c>limit</c> counts: packets, or bytes in a unit.</summary>
public enum NftRateUnit
{
    Packets,
    Bytes,
    KBytes,
    MBytes,
}
