using System.Buffers.Binary;
using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// A NETLINK_NETFILTER socket for nf_tables batches and single-set queries, bound to the network namespace of the
/// thread that opened it. The kernel handles a batch inside sendmsg and queues its replies before it returns: an
/// error for each message that failed, then the ack of the last message; so a commit is one send and, when it
/// worked, one receive. No ruleset is fetched. One request at a time (a lock).
/// </summary>
internal sealed class NftNetlinkSocket : IDisposable
{
    private const int GenMsgLength = 4;

    private readonly INetlinkTransport _transport;
    private readonly Lock _sync = new();
    private readonly byte[] _receive = new byte[64 * 1024];
    private uint _sequence;

    public NftNetlinkSocket(INetlinkTransport transport) => _transport = transport;

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static NftNetlinkSocket Open() => new(NetlinkSocketTransport.Open(Interop.Nftables.Monitor.NETLINK_NETFILTER));

    /// <summary>Sends the batch and returns the kernel's errors (empty: committed). A rejected batch changed nothing.</summary>
    public List<NftBatchError> Commit(NftBatch batch)
    {
        lock (_sync)
        {
            var first = _sequence + 1;
            _sequence += (uint)batch.MessageCount + 2;
            var sent = _transport.Send(batch.Finish(first));
            if (sent < 0) throw new NetlinkException("send nf_tables batch", -sent);
            return ReceiveAcks(first, batch.MessageCount);
        }
    }

    /// <summary>The kernel's definition of one set (GETSET), or null when it does not exist.</summary>
    public NftSetShape? GetSet(NftFamily family, string table, string name)
    {
        lock (_sync)
        {
            var sequence = ++_sequence;
            var request = BuildGetSet(family, table, name, sequence);
            var sent = _transport.Send(request);
            if (sent < 0) throw new NetlinkException("send GETSET", -sent);
            NftSetShape? shape = null;
            while (true)
            {
                var length = Receive("GETSET");
                var reader = new NetlinkMessageReader(_receive.AsSpan(0, length));
                while (reader.TryRead(out var message))
                {
                    if (message.Header.Sequence != sequence) continue;
                    if (message.Type == Nlm.Error)
                    {
                        if (!NetlinkAck.TryParseError(message, out var ack)) throw Malformed("GETSET");
                        if (ack.Errno == Errno.ENOENT) return null;
                        if (ack.Errno != 0) throw new NetlinkException($"get set {name}", ack.Errno, ack.Text);
                        return shape;
                    }
                    if (message.Type == NftWire.Type(NftWire.Msg.NewSet))
                        shape = NftSetShape.Parse(message.Attributes(GenMsgLength));
                }
            }
        }
    }

    /// <summary>
    /// The elements of one set (a GETSETELEM dump) as key bytes and whether each ends an interval; null when the set
    /// does not exist. For the direct path's check that an interval to add is already there, exactly.
    /// </summary>
    public List<(byte[] Key, bool IntervalEnd)>? GetElements(NftFamily family, string table, string name)
    {
        lock (_sync)
        {
            var sequence = ++_sequence;
            var sent = _transport.Send(BuildGetElements(family, table, name, sequence));
            if (sent < 0) throw new NetlinkException("send GETSETELEM", -sent);
            var elements = new List<(byte[] Key, bool IntervalEnd)>();
            while (true)
            {
                var length = Receive("GETSETELEM");
                var reader = new NetlinkMessageReader(_receive.AsSpan(0, length));
                while (reader.TryRead(out var message))
                {
                    if (message.Header.Sequence != sequence) continue;
                    if (message.Type == Nlm.Done) return elements;
                    if (message.Type == Nlm.Error)
                    {
                        if (!NetlinkAck.TryParseError(message, out var ack)) throw Malformed("GETSETELEM");
                        if (ack.Errno == Errno.ENOENT) return null;
                        if (ack.Errno != 0) throw new NetlinkException($"list elements of set {name}", ack.Errno, ack.Text);
                        return elements;
                    }
                    if (message.Type == NftWire.Type(NftWire.Msg.NewSetElem)) ReadElements(message.Attributes(GenMsgLength), elements);
                }
            }
        }
    }

    private static void ReadElements(NetlinkAttributeReader attributes, List<(byte[] Key, bool IntervalEnd)> into)
    {
        while (attributes.TryRead(out var list))
        {
            if (list.Type != NftWire.Elem.ListElements) continue;
            var items = list.Nested;
            while (items.TryRead(out var item))
            {
                byte[]? key = null;
                var end = false;
                var fields = item.Nested;
                while (fields.TryRead(out var field))
                {
                    if (field.Type == NftWire.Elem.Flags && field.Payload.Length == 4)
                        end = (BinaryPrimitives.ReadUInt32BigEndian(field.Payload) & NftWire.Elem.IntervalEnd) != 0;
                    else if (field.Type == NftWire.Elem.Key)
                        key = ValueOf(field.Nested);
                }
                if (key is null) throw Malformed("GETSETELEM");
                into.Add((key, end));
            }
        }
    }

    private static byte[]? ValueOf(NetlinkAttributeReader data)
    {
        while (data.TryRead(out var a))
        {
            if (a.Type == NftWire.Data.Value) return a.Payload.ToArray();
        }
        return null;
    }

    // Replies for this batch until the one for its last message. An error for BATCH_BEGIN concerns the whole batch (no
    // permission, out of memory, or the commit's final validation) and may be all there is. Replies left unread carry
    // sequence numbers no later batch uses, so they are skipped then.
    private List<NftBatchError> ReceiveAcks(uint first, int messages)
    {
        var errors = new List<NftBatchError>();
        var last = first + (uint)messages;
        while (true)
        {
            var length = Receive("nf_tables batch");
            var reader = new NetlinkMessageReader(_receive.AsSpan(0, length));
            while (reader.TryRead(out var message))
            {
                var sequence = message.Header.Sequence;
                if (message.Type != Nlm.Error || sequence < first || sequence > last) continue;
                if (!NetlinkAck.TryParseError(message, out var ack)) throw Malformed("nf_tables batch");
                if (sequence == first)
                {
                    errors.Add(new NftBatchError(null, ack.Errno, ack.Text));
                    return errors;
                }
                if (ack.Errno != 0) errors.Add(new NftBatchError((int)(sequence - first - 1), ack.Errno, ack.Text));
                if (sequence == last) return errors;
            }
        }
    }

    private int Receive(string what)
    {
        while (true)
        {
            var length = _transport.Receive(_receive);
            if (length == -Errno.EINTR) continue;
            if (length < 0) throw new NetlinkException($"receive {what} replies", length == -Errno.EAGAIN ? Errno.ETIMEDOUT : -length);
            if (length > _receive.Length) throw new NetlinkException($"receive {what} replies", Errno.ENOBUFS, "reply larger than the receive buffer");
            return length;
        }
    }

    private static byte[] BuildGetSet(NftFamily family, string table, string name, uint sequence) =>
        BuildSetQuery(NftWire.Msg.GetSet, Nlm.FRequest | Nlm.FAck, (NftWire.Set.Table, NftWire.Set.Name), family, table, name, sequence);

    private static byte[] BuildGetElements(NftFamily family, string table, string name, uint sequence) =>
        BuildSetQuery(NftWire.Msg.GetSetElem, Nlm.FRequest | Nlm.FDump, (NftWire.Elem.ListTable, NftWire.Elem.ListSet), family, table, name, sequence);

    // A request about one set (its declaration, or its elements as a dump), naming it by table and name.
    private static byte[] BuildSetQuery(byte message, ushort flags, (ushort Table, ushort Name) attributes, NftFamily family,
        string table, string name, uint sequence)
    {
        var writer = new NetlinkBuffer(256);
        var w = new NetlinkMessageWriter(writer);
        w.BeginMessage(NftWire.Type(message), flags, sequence);
        var header = w.AppendStruct(GenMsgLength);
        header[0] = NftWire.Family(family);
        w.WriteString(attributes.Table, table);
        w.WriteString(attributes.Name, name);
        return w.EndMessage().ToArray();
    }

    private static NetlinkException Malformed(string what) => new(what, NetlinkConnection.EPROTO, "malformed reply from the kernel");

    public void Dispose() => _transport.Dispose();
}
