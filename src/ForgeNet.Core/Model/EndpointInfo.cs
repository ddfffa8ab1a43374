namespace ForgeNet.Core.Model;

/// <summary>A sandbox's attachment to one network; addresses as "10.89.0.5/24".</summary>
public sealed record EndpointInfo(string Network, string Interface, string HostInterface, string Mac,
    string? Address4, string? Gateway4, string? Address6, string? Gateway6);
