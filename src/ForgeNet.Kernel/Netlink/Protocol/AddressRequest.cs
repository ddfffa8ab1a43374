using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Builds RTM_NEWADDR/RTM_DELADDR/RTM_GETADDR the way `ip address` does.</summary>
internal static class AddressRequest
{
    /// <summary>
    /// IFA_LOCAL, IFA_FLAGS (only when a flag does not fit ifa_flags' byte), IFA_ADDRESS, and for IPv4 below /31 the
    /// broadcast address (`ip address add ... brd +`).
    /// </summary>
    public static Span<byte> Add(NetlinkBuffer buffer, int index, IpPrefix address, AddressFlags flags)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.NewAddr, Nlm.FRequest | Nlm.FAck | Nlm.FCreate | Nlm.FExcl);
        var wide = (uint)flags > 0xFF;
        writer.WriteIfAddr(Family(address), (byte)address.Length, wide ? (byte)0 : (byte)flags, DefaultScope(address.Address), index);
        writer.WriteAddress(Ifa.Local, address.Address);
        if (wide) writer.WriteUInt32(Ifa.Flags, (uint)flags);
        writer.WriteAddress(Ifa.Address, address.Address);
        if (address.Family == AddressFamily.InterNetwork && address.Length < 31)
            writer.WriteAddress(Ifa.Broadcast, Broadcast(address));
        return writer.EndMessage();
    }

    public static Span<byte> Delete(NetlinkBuffer buffer, int index, IpPrefix address)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.DelAddr, Nlm.FRequest | Nlm.FAck);
        writer.WriteIfAddr(Family(address), (byte)address.Length, 0, Rtm.ScopeUniverse, index);
        writer.WriteAddress(Ifa.Local, address.Address);
        writer.WriteAddress(Ifa.Address, address.Address);
        return writer.EndMessage();
    }

    public static Span<byte> Dump(NetlinkBuffer buffer, AddressFamily family)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Rtm.GetAddr, Nlm.FRequest | Nlm.FAck | Nlm.FDump);
        writer.WriteIfAddr(ToNative(family), 0, 0, 0, 0);
        return writer.EndMessage();
    }

    public static byte Family(IpPrefix prefix) => ToNative(prefix.Family);

    public static byte ToNative(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => Rtm.AfInet,
        AddressFamily.InterNetworkV6 => Rtm.AfInet6,
        AddressFamily.Unspecified => Rtm.AfUnspec,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6 are supported"),
    };

    // As iproute2: loopback addresses get host scope, everything else universe.
    private static byte DefaultScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && IPAddress.IsLoopback(address) ? Rtm.ScopeHost : Rtm.ScopeUniverse;

    private static IPAddress Broadcast(IpPrefix prefix)
    {
        Span<byte> bytes = stackalloc byte[4];
        prefix.Address.TryWriteBytes(bytes, out _);
        var host = prefix.Length == 0 ? uint.MaxValue : (1u << (32 - prefix.Length)) - 1;
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes) | host;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
