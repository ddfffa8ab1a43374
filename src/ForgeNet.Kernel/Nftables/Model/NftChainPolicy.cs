namespace ForgeNet.Kernel.Nftables;

/// <summary>The verdict of a base chain for packets no rule decided.</summary>
public enum NftChainPolicy
{
    Accept,
    Drop,
}
