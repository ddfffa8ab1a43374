namespace ForgeNet.Kernel.Nftables;

/// <summary>Flags of a named set or map.</summary>
[Flags]
public enum NftSetFlags
{
    None = 0,
    Constant = 1,
    Interval = 2,
    Timeout = 4,
    Dynamic = 8,
}
