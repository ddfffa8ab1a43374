using System.Net.NetworkInformation;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>RTM_NEWLINK (ifinfomsg + attributes) to <see cref="LinkInfo"/>, without allocating per attribute.</summary>
internal static class LinkDecoder
{
    private const int Stats64Length = 8 * 8;
    private const int Stats32Length = 8 * 4;

    /// <summary>False when malformed; true with null when the message is not RTM_NEWLINK.</summary>
    public static bool TryDecode(in NetlinkMessage message, out LinkInfo? link)
    {
        link = null;
        if (message.Type != Rtm.NewLink) return true;
        var payload = message.Payload;
        if (payload.Length < Rtm.IfInfoLength) return false;
        var index = HostOrder.ReadInt32(payload[4..]);
        var flags = HostOrder.ReadUInt32(payload[8..]);
        string? name = null, kind = null, alias = null;
        PhysicalAddress? mac = null;
        int mtu = 0, master = 0, linkIndex = 0;
        int? linkNamespace = null;
        uint group = 0;
        LinkStats? stats64 = null, stats32 = null;
        var reader = message.Attributes(Rtm.IfInfoLength);
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case Ifla.IfName: name = attribute.GetString(); break;
                case Ifla.Mtu: attribute.TryGetInt32(out mtu); break;
                case Ifla.Address: mac = attribute.GetPhysicalAddress(); break;
                case Ifla.Master: attribute.TryGetInt32(out master); break;
                case Ifla.Group: attribute.TryGetUInt32(out group); break;
                case Ifla.IfAlias: alias = attribute.GetString(); break;
                case Ifla.Link: attribute.TryGetInt32(out linkIndex); break;
                case Ifla.LinkNetNsId when attribute.TryGetInt32(out var id): linkNamespace = id; break;
                case Ifla.LinkInfo: if (!TryReadKind(attribute.Nested, out kind)) return false; break;
                case Ifla.Stats64: stats64 = ReadStats(attribute.Payload, wide: true); break;
                case Ifla.Stats: stats32 = ReadStats(attribute.Payload, wide: false); break;
            }
        }
        if (reader.IsMalformed || name is null) return false;
        link = new LinkInfo(index, name, kind, flags, mtu, mac, master, group, string.IsNullOrEmpty(alias) ? null : alias,
            linkIndex, stats64 ?? stats32) { LinkNamespaceId = linkNamespace };
        return true;
    }

    private static bool TryReadKind(NetlinkAttributeReader reader, out string? kind)
    {
        kind = null;
        while (reader.TryRead(out var attribute))
        {
            if (attribute.Type == Ifla.InfoKind) kind = KnownKind(attribute) ?? attribute.GetString();
        }
        return !reader.IsMalformed;
    }

    // Dumps repeat a handful of kinds; returning literals saves a string per link.
    private static string? KnownKind(NetlinkAttribute attribute) =>
        attribute.StringEquals("veth"u8) ? "veth"
        : attribute.StringEquals("bridge"u8) ? "bridge"
        : attribute.StringEquals("dummy"u8) ? "dummy"
        : attribute.StringEquals("vxlan"u8) ? "vxlan"
        : attribute.StringEquals("wireguard"u8) ? "wireguard"
        : null;

    private static LinkStats? ReadStats(ReadOnlySpan<byte> payload, bool wide)
    {
        if (payload.Length < (wide ? Stats64Length : Stats32Length)) return null;
        Span<ulong> counters = stackalloc ulong[8];
        for (var i = 0; i < counters.Length; i++)
            counters[i] = wide ? HostOrder.ReadUInt64(payload[(i * 8)..]) : HostOrder.ReadUInt32(payload[(i * 4)..]);
        // rtnl_link_stats64 starts rx/tx packets, rx/tx bytes, rx/tx errors, rx/tx dropped.
        return new LinkStats(counters[0], counters[1], counters[2], counters[3], counters[4], counters[5], counters[6], counters[7]);
    }
}
