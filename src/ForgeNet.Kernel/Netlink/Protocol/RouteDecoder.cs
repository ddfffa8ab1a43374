using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>RTM_NEWROUTE (rtmsg + attributes) to <see cref="RouteInfo"/>.</summary>
internal static class RouteDecoder
{
    /// <summary>False when malformed; true with null for other messages and for families other than IPv4/IPv6.</summary>
    public static bool TryDecode(in NetlinkMessage message, out RouteInfo? route)
    {
        route = null;
        if (message.Type != Rtm.NewRoute) return true;
        if (!RouteHeader.TryParse(message.Payload, out var header)) return false;
        var family = header.Family switch
        {
            Rtm.AfInet => AddressFamily.InterNetwork,
            Rtm.AfInet6 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        if (family == AddressFamily.Unspecified) return true;
        IPAddress? destination = null, gateway = null;
        int outputIndex = 0;
        uint table = header.Table, metric = 0;
        var reader = message.Attributes(Rtm.RtMsgLength);
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case Rta.Dst: attribute.TryGetAddress(out destination); break;
                case Rta.Gateway: attribute.TryGetAddress(out gateway); break;
                case Rta.Oif: attribute.TryGetInt32(out outputIndex); break;
                case Rta.Table: attribute.TryGetUInt32(out table); break;
                case Rta.Priority: attribute.TryGetUInt32(out metric); break;
            }
        }
        var maxLength = family == AddressFamily.InterNetworkV6 ? 128 : 32;
        if (reader.IsMalformed || header.DestinationLength > maxLength) return false;
        IpPrefix? prefix = destination is null ? null : new IpPrefix(destination, header.DestinationLength);
        if (prefix is null && header.DestinationLength != 0) return false;
        route = new RouteInfo(family, prefix, gateway, outputIndex, table, metric, header.Protocol, header.Scope, header.Type);
        return true;
    }
}
