using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Netlink.Transport;

/// <summary>
/// Request/reply over one netlink socket: stamps the sequence number, sends, and reads replies that carry that
/// sequence and our port id (stale ones from an abandoned request are skipped) until the ack, or NLMSG_DONE for
/// a dump. Errors become <see cref="NetlinkException"/> with the extended ack. One request at a time (a lock),
/// so one connection can be shared by threads; requests are built outside the lock in per-thread buffers.
/// </summary>
internal sealed partial class NetlinkConnection : IDisposable
{
    internal const int EPROTO = 71;
    private const int MaxAttempts = 3;
    private const int InitialReceiveBytes = 64 * 1024;

    private readonly INetlinkTransport _transport;
    private readonly Lock _sync = new();
    private byte[] _receive = new byte[InitialReceiveBytes];
    private uint _sequence;
    private bool _disposed;

    public NetlinkConnection(INetlinkTransport transport) => _transport = transport;

    public uint PortId => _transport.PortId;

    /// <summary>The size of the receive buffer; grows when the kernel sends a larger datagram.</summary>
    public int ReceiveBufferLength => _receive.Length;

    /// <summary>Sends a request that changes state and waits for its ack.</summary>
    public void Execute(Span<byte> request, in NetlinkOperation operation) =>
        Run<object>(request, operation, RequestKind.Change, decode: null, results: null);

    /// <summary>Sends a request and collects the decoded replies that precede the ack or NLMSG_DONE.</summary>
    public List<T> Query<T>(Span<byte> request, in NetlinkOperation operation, RequestKind kind, ReplyDecoder<T> decode)
        where T : class
    {
        var results = new List<T>();
        Run(request, operation, kind, decode, results);
        return results;
    }

    private void Run<T>(Span<byte> request, in NetlinkOperation operation, RequestKind kind, ReplyDecoder<T>? decode, List<T>? results)
        where T : class
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var attempt = 1; ; attempt++)
            {
                var sequence = ++_sequence;
                HostOrder.WriteUInt32(request[8..], sequence);
                results?.Clear();
                var sent = _transport.Send(request);
                if (sent < 0) throw new NetlinkException(operation.ToString(), -sent);
                var outcome = ReceiveReplies(sequence, operation, kind, decode, results);
                if (outcome == Outcome.Complete) return;
                if (attempt == MaxAttempts)
                {
                    var why = outcome == Outcome.Interrupted ? "the dump changed while it was read" : "replies were lost or truncated";
                    throw new NetlinkException(operation.ToString(), outcome == Outcome.Interrupted ? Errno.EINTR : Errno.ENOBUFS,
                        $"{why} {MaxAttempts} times");
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
            _transport.Dispose();
        }
    }
}
