namespace ForgeNet.Kernel.Nftables;

/// <summary>Conntrack properties for <c>ct KEY</c> expressions.</summary>
public enum NftCtKey
{
    State,
    Status,
    Mark,
    Direction,
    Expiration,
    Zone,
}
