using System.Net;
using System.Text;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>
/// Writes netlink messages into a <see cref="NetlinkBuffer"/>: an nlmsghdr, a family header and attributes.
/// Lengths are not known up front, so <see cref="BeginMessage"/> and <see cref="BeginAttribute"/> return
/// start tokens and the matching End calls patch the length in place (how nested attributes are built).
/// Every attribute is padded to 4 bytes with zeros; nla_len excludes the padding, as in the kernel.
/// </summary>
internal ref partial struct NetlinkMessageWriter
{
    private readonly NetlinkBuffer _buffer;
    private int _messageStart;

    public NetlinkMessageWriter(NetlinkBuffer buffer)
    {
        _buffer = buffer;
        _messageStart = -1;
    }

    /// <summary>Starts a message; its length is patched by <see cref="EndMessage"/>.</summary>
    public void BeginMessage(ushort type, ushort flags, uint sequence = 0, uint portId = 0)
    {
        _messageStart = _buffer.Length;
        var header = _buffer.Append(Nlm.HeaderLength);
        HostOrder.WriteUInt16(header[4..], type);
        HostOrder.WriteUInt16(header[6..], flags);
        HostOrder.WriteUInt32(header[8..], sequence);
        HostOrder.WriteUInt32(header[12..], portId);
    }

    /// <summary>Patches nlmsg_len and returns the whole message, still writable (the connection sets the sequence).</summary>
    public Span<byte> EndMessage()
    {
        if (_messageStart < 0) throw new InvalidOperationException("EndMessage without BeginMessage");
        var length = _buffer.Length - _messageStart;
        HostOrder.WriteUInt32(_buffer.At(_messageStart, 4), (uint)length);
        var message = _buffer.At(_messageStart, length);
        _messageStart = -1;
        return message;
    }

    /// <summary>Appends zeroed, 4-byte padded room for a family header or other fixed struct.</summary>
    public Span<byte> AppendStruct(int length)
    {
        var span = _buffer.Append(Nlm.Align(length));
        return span[..length];
    }

    /// <summary>Starts an attribute (nested or not); returns the token for <see cref="EndAttribute"/>.</summary>
    public int BeginAttribute(ushort type)
    {
        var token = _buffer.Length;
        HostOrder.WriteUInt16(_buffer.Append(4)[2..], type);
        return token;
    }

    /// <summary>Patches nla_len for the attribute started at <paramref name="token"/> and pads to 4 bytes.</summary>
    public void EndAttribute(int token)
    {
        var length = _buffer.Length - token;
        if (length > ushort.MaxValue) throw new InvalidOperationException($"netlink attribute of {length} bytes exceeds 65535");
        HostOrder.WriteUInt16(_buffer.At(token, 2), (ushort)length);
        var padding = Nlm.Align(length) - length;
        if (padding > 0) _buffer.Append(padding);
    }

    public void WriteBytes(ushort type, scoped ReadOnlySpan<byte> value)
    {
        var token = BeginAttribute(type);
        value.CopyTo(_buffer.Append(value.Length));
        EndAttribute(token);
    }

    public void WriteUInt8(ushort type, byte value)
    {
        var token = BeginAttribute(type);
        _buffer.Append(1)[0] = value;
        EndAttribute(token);
    }

    public void WriteUInt16(ushort type, ushort value)
    {
        var token = BeginAttribute(type);
        HostOrder.WriteUInt16(_buffer.Append(2), value);
        EndAttribute(token);
    }

    public void WriteUInt32(ushort type, uint value)
    {
        var token = BeginAttribute(type);
        HostOrder.WriteUInt32(_buffer.Append(4), value);
        EndAttribute(token);
    }

    public void WriteInt32(ushort type, int value) => WriteUInt32(type, unchecked((uint)value));

    public void WriteUInt64(ushort type, ulong value)
    {
        var token = BeginAttribute(type);
        HostOrder.WriteUInt64(_buffer.Append(8), value);
        EndAttribute(token);
    }

    /// <summary>A UTF-8 string; NUL-terminated unless the kernel and iproute2 send it bare (IFLA_INFO_KIND, IFLA_IFALIAS).</summary>
    public void WriteString(ushort type, string value, bool nulTerminated = true)
    {
        var token = BeginAttribute(type);
        var length = Encoding.UTF8.GetByteCount(value);
        Encoding.UTF8.GetBytes(value, _buffer.Append(length + (nulTerminated ? 1 : 0)));
        EndAttribute(token);
    }

    /// <summary>An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order.</summary>
    public void WriteAddress(ushort type, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written)) throw new ArgumentException($"cannot encode address {address}");
        WriteBytes(type, bytes[..written]);
    }
}
