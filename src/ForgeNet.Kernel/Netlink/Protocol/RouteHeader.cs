namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>The fields of struct rtmsg.</summary>
internal readonly record struct RouteHeader(
    byte Family, byte DestinationLength, byte SourceLength, byte Tos,
    byte Table, byte Protocol, byte Scope, byte Type, uint Flags)
{
    public static bool TryParse(ReadOnlySpan<byte> payload, out RouteHeader header)
    {
        header = default;
        if (payload.Length < Rtm.RtMsgLength) return false;
        header = new RouteHeader(payload[0], payload[1], payload[2], payload[3], payload[4], payload[5], payload[6], payload[7],
            HostOrder.ReadUInt32(payload[8..]));
        return true;
    }
}
