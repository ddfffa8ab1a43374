namespace ForgeNet.Kernel.Nftables;

/// <summary>An IPv4 or IPv6 address.</summary>
public sealed record NftAddress(System.Net.IPAddress Value) : NftValue;
