using System.Net.Sockets;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Builds RTM_NEWROUTE/RTM_DELROUTE/RTM_GETROUTE the way `ip route` does.</summary>
internal static class RouteRequest
{
    public static Span<byte> Add(NetlinkBuffer buffer, RouteSpec route)
    {
        var family = FamilyOf(route);
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.NewRoute, Nlm.FRequest | Nlm.FAck | Nlm.FCreate | Nlm.FExcl);
        var scope = route.Scope ?? (route.Gateway is null ? Rtm.ScopeLink : Rtm.ScopeUniverse);
        writer.WriteRtMsg(Header(route, family, route.Protocol, scope, Rtm.TypeUnicast, route.OnLink ? Rtm.FlagOnLink : 0));
        WriteAttributes(ref writer, route);
        return writer.EndMessage();
    }

    /// <summary>Like `ip route del`: protocol and type 0 and IPv4 scope NOWHERE match any route with these keys.</summary>
    public static Span<byte> Delete(NetlinkBuffer buffer, RouteSpec route)
    {
        var family = FamilyOf(route);
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.DelRoute, Nlm.FRequest | Nlm.FAck);
        var scope = route.Scope ?? (family == Rtm.AfInet ? Rtm.ScopeNowhere : Rtm.ScopeUniverse);
        writer.WriteRtMsg(Header(route, family, Rtm.ProtoUnspec, scope, 0, 0));
        WriteAttributes(ref writer, route);
        return writer.EndMessage();
    }

    public static Span<byte> Dump(NetlinkBuffer buffer, AddressFamily family)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.GetRoute, Nlm.FRequest | Nlm.FAck | Nlm.FDump);
        writer.WriteRtMsg(new RouteHeader(AddressRequest.ToNative(family), 0, 0, 0, 0, 0, 0, 0, 0));
        return writer.EndMessage();
    }

    /// <summary>The route's family: from the destination, else the gateway, else <see cref="RouteSpec.Family"/>.</summary>
    public static byte FamilyOf(RouteSpec route)
    {
        var family = route.Destination?.Family ?? route.Gateway?.AddressFamily ?? route.Family
            ?? throw new ArgumentException("a default route without a gateway needs RouteSpec.Family", nameof(route));
        if (route.Gateway is not null && route.Gateway.AddressFamily != family)
            throw new ArgumentException($"gateway {route.Gateway} and destination {route.Destination} are of different families", nameof(route));
        var native = AddressRequest.ToNative(family);
        if (native == Rtm.AfUnspec) throw new ArgumentException("a route needs an IPv4 or IPv6 family", nameof(route));
        return native;
    }

    // Tables above 255 do not fit rtm_table: it is set to RT_TABLE_UNSPEC and RTA_TABLE carries the number, as in iproute2.
    private static RouteHeader Header(RouteSpec route, byte family, byte protocol, byte scope, byte type, uint flags) =>
        new(family, (byte)(route.Destination?.Length ?? 0), 0, 0, route.Table < 256 ? (byte)route.Table : Rtm.TableUnspec,
            protocol, scope, type, flags);

    private static void WriteAttributes(ref NetlinkMessageWriter writer, RouteSpec route)
    {
        if (route.Destination is { } destination)
            writer.WriteAddress(Rta.Dst, IpPrefix.Mask(destination.Address, destination.Length));
        if (route.Gateway is not null) writer.WriteAddress(Rta.Gateway, route.Gateway);
        if (route.Metric is { } metric) writer.WriteUInt32(Rta.Priority, metric);
        if (route.Table >= 256) writer.WriteUInt32(Rta.Table, route.Table);
        if (route.OutputIndex > 0) writer.WriteUInt32(Rta.Oif, (uint)route.OutputIndex);
    }
}
