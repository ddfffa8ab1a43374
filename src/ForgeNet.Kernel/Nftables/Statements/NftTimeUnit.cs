namespace ForgeNet.Kernel.Nftables;

/// <summary>The period of a <c>limit rate</c>.</summary>
public enum NftTimeUnit
{
    Second,
    Minute,
    Hour,
    Day,
    Week,
}
