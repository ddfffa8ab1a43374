namespace ForgeNet.Core.Model;

/// <summary>The addresses an IPAM pool lent one (container id, interface); addresses as "10.88.0.5/24".</summary>
public sealed record IpamLease(string Pool, string ContainerId, string IfName,
    string? Address4, string? Gateway4, string? Address6, string? Gateway6);
