namespace ForgeNet.Core.Model;

/// <summary>
/// An endpoint's traffic as the sandbox sees it (received = what its host-side veth sent), from the kernel's link
/// statistics of the host-side veth at the moment of the call.
/// </summary>
public sealed record EndpointTraffic(string Sandbox, string Network, string Interface, string HostInterface,
    ulong RxBytes, ulong RxPackets, ulong TxBytes, ulong TxPackets);
