namespace ForgeNet.Kernel.Nftables;

/// <summary>The standard base-chain priorities nft names (lower runs first).</summary>
public static class NftPriority
{
    public const int Raw = -300;
    public const int Mangle = -150;
    public const int DstNat = -100;
    public const int Filter = 0;
    public const int Security = 50;
    public const int SrcNat = 100;
}
