using System.Buffers.Binary;
using System.Text;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// One nf_tables batch being written: BATCH_BEGIN, the messages, BATCH_END, in one buffer sent as one datagram.
/// The kernel reports every message that fails; only the last message asks for an ack as well, so a committed batch
/// is answered by one reply, which comes after any error. Each message remembers the command it came from.
/// Nested attributes patch their length when they end (start tokens, as in the rtnetlink writer).
/// </summary>
internal sealed class NftBatch
{
    private const int HeaderLength = 16;
    private const int GenMsgLength = 4;

    private readonly NetlinkBuffer _buffer = new(8192);
    private readonly List<int> _commandOfMessage = [];
    private readonly List<int> _messageOffsets = [];
    private int _messageStart = -1;
    private uint _nextSetId;

    public NftBatch() => WriteControl(NftWire.BatchBegin);

    /// <summary>Command messages so far (not counting BEGIN and END).</summary>
    public int MessageCount => _commandOfMessage.Count;

    /// <summary>Bytes written so far (BEGIN included).</summary>
    public int Length => _buffer.Length;

    /// <summary>The index of the transaction command message <paramref name="message"/> (0-based, BEGIN excluded) was written for.</summary>
    public int CommandOf(int message) => _commandOfMessage[message];

    /// <summary>An id for a set made in this batch, so later messages of the batch can name it before it has a name (anonymous sets).</summary>
    public uint NewSetId() => ++_nextSetId;

    public void BeginMessage(byte type, NftFamily family, ushort flags, int command)
    {
        if (_messageStart >= 0) throw new InvalidOperationException("a message is already open");
        _messageStart = _buffer.Length;
        _messageOffsets.Add(_messageStart);
        _commandOfMessage.Add(command);
        WriteHeader(NftWire.Type(type), (ushort)(flags | Nlm.FRequest), NftWire.Family(family), resourceId: 0);
    }

    public void EndMessage()
    {
        if (_messageStart < 0) throw new InvalidOperationException("no message is open");
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.At(_messageStart, 4), (uint)(_buffer.Length - _messageStart));
        _messageStart = -1;
    }

    /// <summary>
    /// Writes BATCH_END, asks for an ack of the last message and stamps sequence numbers: BEGIN gets
    /// <paramref name="first"/>, message i gets first + 1 + i.
    /// </summary>
    public ReadOnlySpan<byte> Finish(uint first)
    {
        if (_messageStart >= 0) throw new InvalidOperationException("a message is still open");
        if (_messageOffsets.Count == 0) throw new InvalidOperationException("an empty batch");
        var last = _buffer.At(_messageOffsets[^1] + 6, 2);
        BinaryPrimitives.WriteUInt16LittleEndian(last, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(last) | Nlm.FAck));
        var end = _buffer.Length;
        WriteControl(NftWire.BatchEnd);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.At(8, 4), first);
        for (var i = 0; i < _messageOffsets.Count; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.At(_messageOffsets[i] + 8, 4), first + 1 + (uint)i);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.At(end + 8, 4), first + 1 + (uint)_messageOffsets.Count);
        return _buffer.Written;
    }

    public void PutString(ushort type, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var token = BeginAttribute(type);
        Encoding.UTF8.GetBytes(value, _buffer.Append(length + 1));
        EndAttribute(token);
    }

    public void PutU32(ushort type, uint value)
    {
        var token = BeginAttribute(type);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.Append(4), value);
        EndAttribute(token);
    }

    public void PutI32(ushort type, int value) => PutU32(type, unchecked((uint)value));

    public void PutU64(ushort type, ulong value)
    {
        var token = BeginAttribute(type);
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.Append(8), value);
        EndAttribute(token);
    }

    public void PutBytes(ushort type, scoped ReadOnlySpan<byte> value)
    {
        var token = BeginAttribute(type);
        value.CopyTo(_buffer.Append(value.Length));
        EndAttribute(token);
    }

    /// <summary>Starts a nested attribute (NLA_F_NESTED set, as libnftnl does); close it with <see cref="EndNest"/>.</summary>
    public int BeginNest(ushort type) => BeginAttribute((ushort)(type | NftWire.Nested));

    public void EndNest(int token) => EndAttribute(token);

    private int BeginAttribute(ushort type)
    {
        var token = _buffer.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.Append(4)[2..], type);
        return token;
    }

    private void EndAttribute(int token)
    {
        var length = _buffer.Length - token;
        if (length > ushort.MaxValue) throw new NftDirectUnsupportedException($"a netlink attribute of {length} bytes");
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.At(token, 2), (ushort)length);
        var padding = Nlm.Align(length) - length;
        if (padding > 0) _buffer.Append(padding);
    }

    // BATCH_BEGIN and BATCH_END: an nfgenmsg whose res_id (big-endian) names the subsystem the batch is for.
    private void WriteControl(ushort type)
    {
        var start = _buffer.Length;
        WriteHeader(type, Nlm.FRequest, family: 0, resourceId: NftWire.SubsysNftables);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.At(start, 4), (uint)(_buffer.Length - start));
    }

    private void WriteHeader(ushort type, ushort flags, byte family, ushort resourceId)
    {
        var header = _buffer.Append(HeaderLength + GenMsgLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
        header[HeaderLength] = family;
        BinaryPrimitives.WriteUInt16BigEndian(header[(HeaderLength + 2)..], resourceId);
    }
}
