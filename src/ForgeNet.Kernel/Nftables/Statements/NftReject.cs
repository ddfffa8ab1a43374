namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Drops the packet and answers the sender (<c>reject with icmpx type admin-prohibited</c>). The icmpx forms work
/// in inet, bridge and netdev tables; a TCP reset makes nft add an implicit <c>meta l4proto tcp</c> match.
/// </summary>
public sealed record NftReject(NftRejectWith With = NftRejectWith.PortUnreachable) : NftStatement;
