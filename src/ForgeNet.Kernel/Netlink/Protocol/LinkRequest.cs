namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Builds the RTM_*LINK requests. Each returns the finished message in <paramref name="buffer"/>.</summary>
internal static class LinkRequest
{
    private const ushort Create = Nlm.FRequest | Nlm.FAck | Nlm.FCreate | Nlm.FExcl;

    /// <summary>RTM_NEWLINK for a veth pair; the peer's ifinfomsg and attributes nest in IFLA_INFO_DATA/VETH_INFO_PEER.</summary>
    public static Span<byte> CreateVeth(NetlinkBuffer buffer, VethOptions options, int? peerNamespaceFd, bool echo)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.NewLink, (ushort)(Create | (echo ? Nlm.FEcho : 0)));
        writer.WriteIfInfo(flags: options.Up ? Rtm.IffUp : 0, change: options.Up ? Rtm.IffUp : 0);
        new LinkAttributes(options.Name, options.Mtu, options.Mac, options.Group, options.MasterIndex, options.Alias).WriteTo(ref writer);
        var linkInfo = writer.BeginAttribute(Ifla.LinkInfo);
        writer.WriteString(Ifla.InfoKind, "veth", nulTerminated: false);
        var data = writer.BeginAttribute(Ifla.InfoData);
        var peer = writer.BeginAttribute(Ifla.VethInfoPeer);
        // The peer cannot be brought up here: the kernel opens it before the pair is linked and fails with ENOTCONN.
        writer.WriteIfInfo();
        new LinkAttributes(options.PeerName, options.Mtu, options.PeerMac, NamespaceFd: peerNamespaceFd).WriteTo(ref writer);
        writer.EndAttribute(peer);
        writer.EndAttribute(data);
        writer.EndAttribute(linkInfo);
        return writer.EndMessage();
    }

    /// <summary>RTM_NEWLINK for a link whose kind needs no IFLA_INFO_DATA (bridge, dummy).</summary>
    public static Span<byte> CreateKind(NetlinkBuffer buffer, string kind, in LinkAttributes attributes, bool up, bool echo)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.NewLink, (ushort)(Create | (echo ? Nlm.FEcho : 0)));
        writer.WriteIfInfo(flags: up ? Rtm.IffUp : 0, change: up ? Rtm.IffUp : 0);
        attributes.WriteTo(ref writer);
        var linkInfo = writer.BeginAttribute(Ifla.LinkInfo);
        writer.WriteString(Ifla.InfoKind, kind, nulTerminated: false);
        writer.EndAttribute(linkInfo);
        return writer.EndMessage();
    }

    /// <summary>
    /// RTM_NEWLINK for a veth pair made from the peer's side: the peer is the device created, in the peer namespace
    /// (top-level IFLA_NET_NS_FD) and up; the local end is VETH_INFO_PEER, created in this namespace. This is the only
    /// way to have the far end up in one request, since a VETH_INFO_PEER device cannot be opened during creation.
    /// </summary>
    public static Span<byte> CreateVethFromPeer(NetlinkBuffer buffer, VethOptions options, int peerNamespaceFd)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.NewLink, Create);
        writer.WriteIfInfo(flags: options.PeerUp ? Rtm.IffUp : 0, change: options.PeerUp ? Rtm.IffUp : 0);
        new LinkAttributes(options.PeerName, options.Mtu, options.PeerMac, NamespaceFd: peerNamespaceFd).WriteTo(ref writer);
        var linkInfo = writer.BeginAttribute(Ifla.LinkInfo);
        writer.WriteString(Ifla.InfoKind, "veth", nulTerminated: false);
        var data = writer.BeginAttribute(Ifla.InfoData);
        var peer = writer.BeginAttribute(Ifla.VethInfoPeer);
        writer.WriteIfInfo();
        new LinkAttributes(options.Name, options.Mtu, options.Mac, options.Group).WriteTo(ref writer);
        writer.EndAttribute(peer);
        writer.EndAttribute(data);
        writer.EndAttribute(linkInfo);
        return writer.EndMessage();
    }

    /// <summary>
    /// RTM_NEWLINK on an existing link: only what is set changes. With <paramref name="index"/> 0 the link is
    /// found by the name in <paramref name="attributes"/>; otherwise a name there renames it.
    /// </summary>
    public static Span<byte> Change(NetlinkBuffer buffer, int index, bool? up, in LinkAttributes attributes, bool echo = false)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.NewLink, (ushort)(Nlm.FRequest | Nlm.FAck | (echo ? Nlm.FEcho : 0)));
        writer.WriteIfInfo(index, flags: up == true ? Rtm.IffUp : 0, change: up is null ? 0 : Rtm.IffUp);
        attributes.WriteTo(ref writer);
        return writer.EndMessage();
    }

    /// <summary>RTM_DELLINK by index, by name (index 0 + IFLA_IFNAME) or by group (index 0 + IFLA_GROUP).</summary>
    public static Span<byte> Delete(NetlinkBuffer buffer, int index = 0, string? name = null, uint? group = null)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.DelLink, Nlm.FRequest | Nlm.FAck);
        writer.WriteIfInfo(index);
        if (name is not null) writer.WriteString(Ifla.IfName, name);
        if (group is { } g) writer.WriteUInt32(Ifla.Group, g);
        return writer.EndMessage();
    }

    /// <summary>RTM_GETLINK for one link (by index, or index 0 + IFLA_IFNAME), or a dump of all.</summary>
    public static Span<byte> Get(NetlinkBuffer buffer, int index = 0, string? name = null, bool dump = false)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.GetLink, (ushort)(Nlm.FRequest | Nlm.FAck | (dump ? Nlm.FDump : 0)));
        writer.WriteIfInfo(index);
        if (name is not null) writer.WriteString(Ifla.IfName, name);
        return writer.EndMessage();
    }
}
