namespace ForgeNet.Kernel.Nftables;

/// <summary>Conntrack states for <c>ct state</c>; values are the kernel's bits, so nft lists them in this order.</summary>
[Flags]
public enum NftCtState
{
    None = 0,
    Invalid = 1,
    Established = 2,
    Related = 4,
    New = 8,
    Untracked = 64,
}
