using System.Net;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>RTM_NEWADDR (ifaddrmsg + attributes) to <see cref="AddressInfo"/>.</summary>
internal static class AddressDecoder
{
    /// <summary>False when malformed; true with null when the message is not RTM_NEWADDR.</summary>
    public static bool TryDecode(in NetlinkMessage message, out AddressInfo? address)
    {
        address = null;
        if (message.Type != Rtm.NewAddr) return true;
        var payload = message.Payload;
        if (payload.Length < Rtm.IfAddrLength) return false;
        var prefixLength = payload[1];
        uint flags = payload[2];
        var scope = payload[3];
        var index = HostOrder.ReadInt32(payload[4..]);
        IPAddress? local = null, peer = null;
        string? label = null;
        var reader = message.Attributes(Rtm.IfAddrLength);
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case Ifa.Local: attribute.TryGetAddress(out local); break;
                case Ifa.Address: attribute.TryGetAddress(out peer); break;
                case Ifa.Label: label = attribute.GetString(); break;
                case Ifa.Flags: attribute.TryGetUInt32(out flags); break;
            }
        }
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links, and the only one for IPv6.
        var own = local ?? peer;
        if (reader.IsMalformed || own is null || prefixLength > (own.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32))
            return false;
        address = new AddressInfo(index, new IpPrefix(own, prefixLength), scope, flags, label);
        return true;
    }
}
