namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>One message from a receive buffer: its header and the payload after it (family header + attributes).</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public NetlinkHeader Header { get; }

    public ReadOnlySpan<byte> Payload { get; }

    public ushort Type => Header.Type;

    /// <summary>The attributes after a family header of <paramref name="familyHeaderLength"/> bytes.</summary>
    public NetlinkAttributeReader Attributes(int familyHeaderLength) =>
        new(Payload.Length >= Nlm.Align(familyHeaderLength) ? Payload[Nlm.Align(familyHeaderLength)..] : ReadOnlySpan<byte>.Empty);
}
