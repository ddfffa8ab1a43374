using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket bound to the network namespace of the thread that opened it: links, addresses, routes.
/// Thread-safe: requests are serialised internally (one request/ack at a time).
/// </summary>
public sealed partial class RtNetlink : IDisposable
{
    private readonly NetlinkConnection _connection;

    internal RtNetlink(INetlinkTransport transport) => _connection = new NetlinkConnection(transport);

    /// <summary>Opens a socket in the calling thread's network namespace (extended and capped acks on, 1 MiB receive buffer).</summary>
    public static RtNetlink Open() => new(NetlinkSocketTransport.Open());

    /// <summary>The netlink port id the kernel assigned to this socket.</summary>
    public uint PortId => _connection.PortId;

    public void Dispose() => _connection.Dispose();

    private static NetlinkBuffer Buffer() => NetlinkBuffer.ForCurrentThread();

    private List<T> Query<T>(Span<byte> request, in NetlinkOperation operation, RequestKind kind, ReplyDecoder<T> decode)
        where T : class => _connection.Query(request, operation, kind, decode);
}
