using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Netlink.Transport;

/// <summary>The receive loop: one datagram at a time, each possibly holding several messages.</summary>
internal sealed partial class NetlinkConnection
{
    private enum Outcome { Pending, Complete, Interrupted, Retry }

    private Outcome ReceiveReplies<T>(uint sequence, in NetlinkOperation operation, RequestKind kind, ReplyDecoder<T>? decode, List<T>? results)
        where T : class
    {
        var interrupted = false;
        while (true)
        {
            var length = _transport.Receive(_receive);
            if (length < 0)
            {
                var errno = -length;
                if (errno == Errno.EINTR) continue;
                // ENOBUFS: the socket queue overflowed and replies were dropped; a query can simply be asked again.
                if (errno == Errno.ENOBUFS && kind != RequestKind.Change) return Outcome.Retry;
                throw new NetlinkException(operation.ToString(), errno == Errno.EAGAIN ? Errno.ETIMEDOUT : errno,
                    errno == Errno.EAGAIN ? "no reply from the kernel" : null);
            }
            if (length > _receive.Length)
            {
                _receive = new byte[Nlm.Align(length) + 4096];
                // A change is answered by an ack that always fits; what was cut is an echo, which callers can do without.
                if (kind == RequestKind.Change) continue;
                return Outcome.Retry;
            }
            var outcome = ReadDatagram(_receive.AsSpan(0, length), sequence, operation, kind, decode, results, ref interrupted);
            if (outcome != Outcome.Pending) return outcome;
        }
    }

    private Outcome ReadDatagram<T>(ReadOnlySpan<byte> datagram, uint sequence, in NetlinkOperation operation, RequestKind kind,
        ReplyDecoder<T>? decode, List<T>? results, ref bool interrupted)
        where T : class
    {
        var reader = new NetlinkMessageReader(datagram);
        while (reader.TryRead(out var message))
        {
            if (message.Header.Sequence != sequence || message.Header.PortId != _transport.PortId) continue;
            if ((message.Header.Flags & Nlm.FDumpIntr) != 0) interrupted = true;
            switch (message.Type)
            {
                case Nlm.Error:
                    if (!NetlinkAck.TryParseError(message, out var ack)) throw Malformed(operation, "NLMSG_ERROR");
                    if (ack.Errno != 0) throw new NetlinkException(operation.ToString(), ack.Errno, ack.Text);
                    if (kind != RequestKind.Dump) return Outcome.Complete;
                    break;
                case Nlm.Done:
                    if (!NetlinkAck.TryParseDone(message, out var done)) throw Malformed(operation, "NLMSG_DONE");
                    if (done.Errno != 0) throw new NetlinkException(operation.ToString(), done.Errno, done.Text);
                    return interrupted ? Outcome.Interrupted : Outcome.Complete;
                case Nlm.Overrun:
                    return Outcome.Retry;
                case Nlm.Noop:
                    break;
                default:
                    if (decode is null || results is null) break;
                    if (!decode(message, out var item)) throw Malformed(operation, $"message type {message.Type}");
                    if (item is not null) results.Add(item);
                    break;
            }
        }
        if (reader.IsMalformed) throw Malformed(operation, "datagram");
        return Outcome.Pending;
    }

    private static NetlinkException Malformed(in NetlinkOperation operation, string what) =>
        new(operation.ToString(), EPROTO, $"malformed {what} in the kernel's reply");
}
