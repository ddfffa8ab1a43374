using System.Net.Sockets;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core.Drivers;

/// <summary>The sandbox side of an endpoint: its interface's addresses and routes, through the sandbox's netlink socket.</summary>
internal static class EndpointConfigurator
{
    private const int DefaultRouteMetric = 100;

    /// <summary>The ifindex of the endpoint's interface inside the sandbox.</summary>
    public static int InterfaceIndex(RtNetlink sandbox, EndpointRecord endpoint) =>
        KernelErrors.Do($"look up {endpoint.Interface}", () => sandbox.GetLink(endpoint.Interface))?.Index
            ?? throw new ForgeException(ErrorKind.Kernel, $"look up {endpoint.Interface}: the veth peer is missing in the sandbox");

    /// <summary>IFF_UP on the endpoint's interface (before the addresses, so their prefix routes are installed at once).</summary>
    public static void BringUp(RtNetlink sandbox, int index, EndpointRecord endpoint) =>
        KernelErrors.Do($"bring {endpoint.Interface} up", () => sandbox.SetLink(new LinkChange(index) { Up = true }));

    /// <summary>Adds the IPv4 address, and the IPv6 address without DAD (nothing else can hold it on the bridge).</summary>
    public static void AddAddresses(RtNetlink sandbox, int index, EndpointRecord endpoint)
    {
        if (endpoint.Address4 is { } a4)
            KernelErrors.Do($"add address {a4}", () => sandbox.AddAddress(index, a4));
        if (endpoint.Address6 is { } a6)
            KernelErrors.Do($"add address {a6}", () => sandbox.AddAddress(index, a6, AddressFlags.NoDad));
    }

    /// <summary>
    /// Default routes via the network's gateways (not for internal networks: they keep the on-link route only).
    /// Metric 100 + position, like netavark: with several networks the first is preferred, the others stand by.
    /// In a runtime's namespace (<paramref name="shared"/>) several sandboxes, each at position 0, may hold one
    /// interface each (a container on several CNI networks): there 100 + the ifindex, unique in the namespace,
    /// so their default routes coexist and the one attached first is preferred.
    /// </summary>
    public static void AddDefaultRoutes(RtNetlink sandbox, int index, EndpointRecord endpoint, NetworkRecord network, bool shared = false)
    {
        var metric = (uint)(DefaultRouteMetric + (shared ? index : endpoint.Position));
        if (network.Gateway4 is { } g4)
            KernelErrors.Do($"add default route via {g4}", () => sandbox.AddRoute(new RouteSpec(null, g4, index) { Family = AddressFamily.InterNetwork, Metric = metric }));
        if (network.Gateway6 is { } g6)
            KernelErrors.Do($"add default route via {g6}", () => sandbox.AddRoute(new RouteSpec(null, g6, index) { Family = AddressFamily.InterNetworkV6, Metric = metric }));
    }
}
