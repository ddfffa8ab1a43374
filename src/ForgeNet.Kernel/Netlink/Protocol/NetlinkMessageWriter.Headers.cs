namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>The rtnetlink family headers: ifinfomsg, ifaddrmsg, rtmsg.</summary>
internal ref partial struct NetlinkMessageWriter
{
    /// <summary>struct ifinfomsg: family, pad, type, index, flags, change (16 bytes).</summary>
    public void WriteIfInfo(int index = 0, uint flags = 0, uint change = 0, byte family = Rtm.AfUnspec, ushort deviceType = 0)
    {
        var span = AppendStruct(Rtm.IfInfoLength);
        span[0] = family;
        HostOrder.WriteUInt16(span[2..], deviceType);
        HostOrder.WriteUInt32(span[4..], unchecked((uint)index));
        HostOrder.WriteUInt32(span[8..], flags);
        HostOrder.WriteUInt32(span[12..], change);
    }

    /// <summary>struct ifaddrmsg: family, prefixlen, flags, scope, index (8 bytes).</summary>
    public void WriteIfAddr(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        var span = AppendStruct(Rtm.IfAddrLength);
        span[0] = family;
        span[1] = prefixLength;
        span[2] = flags;
        span[3] = scope;
        HostOrder.WriteUInt32(span[4..], unchecked((uint)index));
    }

    /// <summary>struct rtmsg (12 bytes).</summary>
    public void WriteRtMsg(in RouteHeader header)
    {
        var span = AppendStruct(Rtm.RtMsgLength);
        span[0] = header.Family;
        span[1] = header.DestinationLength;
        span[2] = header.SourceLength;
        span[3] = header.Tos;
        span[4] = header.Table;
        span[5] = header.Protocol;
        span[6] = header.Scope;
        span[7] = header.Type;
        HostOrder.WriteUInt32(span[8..], header.Flags);
    }
}
