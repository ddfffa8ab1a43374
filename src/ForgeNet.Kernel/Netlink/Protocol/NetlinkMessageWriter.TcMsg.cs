namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>The traffic-control family header.</summary>
internal ref partial struct NetlinkMessageWriter
{
    /// <summary>struct tcmsg: family, 3 pad bytes, ifindex, handle, parent, info (20 bytes).</summary>
    public void WriteTcMsg(int index, uint handle, uint parent, uint info = 0)
    {
        var span = AppendStruct(Tc.TcMsgLength);
        HostOrder.WriteUInt32(span[4..], unchecked((uint)index));
        HostOrder.WriteUInt32(span[8..], handle);
        HostOrder.WriteUInt32(span[12..], parent);
        HostOrder.WriteUInt32(span[16..], info);
    }
}
