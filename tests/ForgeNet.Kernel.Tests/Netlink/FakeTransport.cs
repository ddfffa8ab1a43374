using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>
/// A transport that answers each request with scripted datagrams. A script gets the request's sequence number
/// and returns what the "kernel" sends; sequence and port id in the script's messages are stamped by the helpers.
/// </summary>
internal sealed class FakeTransport(params Func<uint, IEnumerable<byte[]>>[] scripts) : INetlinkTransport
{
    public const uint Port = 4242;

    private readonly Queue<byte[]> _pending = new();
    private int _requests;

    public uint PortId => Port;

    public int Requests => _requests;

    public List<byte[]> Sent { get; } = [];

    /// <summary>A negative errno to return from Receive instead of data, once.</summary>
    public int? ReceiveError { get; set; }

    /// <summary>Datagram length to report once without data, as recv with MSG_TRUNC does for a too-large datagram.</summary>
    public int? TruncatedLength { get; set; }

    public int Send(ReadOnlySpan<byte> datagram)
    {
        Sent.Add(datagram.ToArray());
        var sequence = HostOrder.ReadUInt32(datagram[8..]);
        var script = scripts[Math.Min(_requests, scripts.Length - 1)];
        _requests++;
        foreach (var reply in script(sequence)) _pending.Enqueue(reply);
        return 0;
    }

    public int Receive(Span<byte> buffer)
    {
        if (ReceiveError is { } error)
        {
            ReceiveError = null;
            return error;
        }
        if (TruncatedLength is { } length)
        {
            TruncatedLength = null;
            return length;
        }
        if (!_pending.TryDequeue(out var datagram)) throw new InvalidOperationException("the test script has no more replies");
        datagram.CopyTo(buffer);
        return datagram.Length;
    }

    public void Dispose()
    {
    }

    /// <summary>One message with the given type, flags and payload, stamped with the sequence and our port.</summary>
    public static byte[] Message(ushort type, ushort flags, uint sequence, byte[] payload, uint port = Port)
    {
        var bytes = new byte[Nlm.HeaderLength + Nlm.Align(payload.Length)];
        new NetlinkHeader((uint)(Nlm.HeaderLength + payload.Length), type, flags, sequence, port).Write(bytes);
        payload.CopyTo(bytes, Nlm.HeaderLength);
        return bytes;
    }

    /// <summary>A capped NLMSG_ERROR: errno (0 = ack) and the request header.</summary>
    public static byte[] Ack(uint sequence, int errno = 0, string? extAck = null, uint port = Port)
    {
        var payload = new List<byte>(BitConverter.GetBytes(-errno));
        payload.AddRange(new byte[Nlm.HeaderLength]);
        var flags = Nlm.FCapped;
        if (extAck is not null)
        {
            flags |= Nlm.FAckTlvs;
            var text = System.Text.Encoding.UTF8.GetBytes(extAck + "\0");
            payload.AddRange(BitConverter.GetBytes((ushort)(4 + text.Length)));
            payload.AddRange(BitConverter.GetBytes(Nlm.ErrAttrMsg));
            payload.AddRange(text);
            while (payload.Count % 4 != 0) payload.Add(0);
        }
        return Message(Nlm.Error, flags, sequence, payload.ToArray(), port);
    }

    public static byte[] Done(uint sequence, ushort flags = Nlm.FMulti) => Message(Nlm.Done, flags, sequence, new byte[4]);

    /// <summary>The captured link reply re-stamped as part of a dump answering <paramref name="sequence"/>.</summary>
    public static byte[] DumpedLink(uint sequence, ushort extraFlags = 0)
    {
        var bytes = Messages.Split(Hex.Bytes(Captured.LinkReply))[0];
        var header = new NetlinkHeader((uint)bytes.Length, Rtm.NewLink, (ushort)(Nlm.FMulti | extraFlags), sequence, Port);
        header.Write(bytes);
        return bytes;
    }

    public static byte[] Concat(params byte[][] messages) => messages.SelectMany(m => m).ToArray();
}
