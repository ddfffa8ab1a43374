using ForgeNet.Kernel;

namespace ForgeNet.Core.Model;

/// <summary>A sandbox's attachment to a network as stored; addresses carry the subnet's prefix length.</summary>
internal sealed record EndpointRecord(string SandboxId, string NetworkId, int Position,
    string Interface, string HostInterface, string Mac, IpPrefix? Address4, IpPrefix? Address6);
