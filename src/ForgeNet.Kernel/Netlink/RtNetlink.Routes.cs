using System.Net.Sockets;
using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Netlink;

/// <summary>Routes.</summary>
public sealed partial class RtNetlink
{
    /// <summary>Adds a unicast route. EEXIST when an equal route is there already.</summary>
    public void AddRoute(RouteSpec route)
    {
        ValidateRoute(route);
        _connection.Execute(RouteRequest.Add(Buffer(), route), new NetlinkOperation("RTM_NEWROUTE", Index: route.OutputIndex, Detail: Describe(route)));
    }

    /// <summary>Deletes the route matching <paramref name="route"/>. Throws with IsNotFound (ESRCH) when none matches.</summary>
    public void DeleteRoute(RouteSpec route)
    {
        ValidateRoute(route);
        _connection.Execute(RouteRequest.Delete(Buffer(), route), new NetlinkOperation("RTM_DELROUTE", Index: route.OutputIndex, Detail: Describe(route)));
    }

    /// <summary>Every route of <paramref name="family"/> (Unspecified: IPv4 and IPv6) in every table.</summary>
    public IReadOnlyList<RouteInfo> ListRoutes(AddressFamily family) =>
        Query<RouteInfo>(RouteRequest.Dump(Buffer(), family), new NetlinkOperation("RTM_GETROUTE", Detail: "dump"), RequestKind.Dump, RouteDecoder.TryDecode);

    private static void ValidateRoute(RouteSpec route)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentOutOfRangeException.ThrowIfNegative(route.OutputIndex, nameof(route));
        if (route.Destination is { } destination && (destination.Length < 0 || destination.Length > destination.MaxLength))
            throw new ArgumentException($"'{destination}' has an invalid prefix length", nameof(route));
        if (route.Table == 0) throw new ArgumentException("table 0 is not a routing table", nameof(route));
        RouteRequest.FamilyOf(route);
    }

    private static string Describe(RouteSpec route) =>
        (route.Destination?.ToString() ?? "default") + (route.Gateway is null ? "" : $" via {route.Gateway}");
}
