namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>struct nlmsghdr.</summary>
internal readonly record struct NetlinkHeader(uint Length, ushort Type, ushort Flags, uint Sequence, uint PortId)
{
    public static bool TryParse(ReadOnlySpan<byte> source, out NetlinkHeader header)
    {
        header = default;
        if (source.Length < Nlm.HeaderLength) return false;
        header = new NetlinkHeader(
            HostOrder.ReadUInt32(source), HostOrder.ReadUInt16(source[4..]), HostOrder.ReadUInt16(source[6..]),
            HostOrder.ReadUInt32(source[8..]), HostOrder.ReadUInt32(source[12..]));
        return true;
    }

    public void Write(Span<byte> destination)
    {
        HostOrder.WriteUInt32(destination, Length);
        HostOrder.WriteUInt16(destination[4..], Type);
        HostOrder.WriteUInt16(destination[6..], Flags);
        HostOrder.WriteUInt32(destination[8..], Sequence);
        HostOrder.WriteUInt32(destination[12..], PortId);
    }
}
