namespace ForgeNet.Kernel.Nftables;

/// <summary>Port-selection flags of masquerade, snat and dnat.</summary>
[Flags]
public enum NftNatFlags
{
    None = 0,
    Random = 1,
    FullyRandom = 2,
    Persistent = 4,
}
