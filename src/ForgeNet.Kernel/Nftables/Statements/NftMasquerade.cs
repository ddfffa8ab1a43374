namespace ForgeNet.Kernel.Nftables;

/// <summary>Source NAT to the outgoing interface's address (<c>masquerade</c>); only in a nat postrouting chain.</summary>
public sealed record NftMasquerade(NftNatFlags Flags = NftNatFlags.None) : NftStatement;
