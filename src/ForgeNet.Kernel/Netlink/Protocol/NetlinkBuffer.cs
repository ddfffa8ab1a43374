namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>
/// A growable byte buffer that requests are written into. One per thread is kept (<see cref="ForCurrentThread"/>)
/// so that building a request allocates nothing and needs no lock; the connection lock covers only send and receive.
/// </summary>
internal sealed class NetlinkBuffer
{
    [ThreadStatic]
    private static NetlinkBuffer? t_cached;

    private byte[] _data;

    public NetlinkBuffer(int capacity = 4096) => _data = new byte[capacity];

    public int Length { get; private set; }

    public Span<byte> Written => _data.AsSpan(0, Length);

    /// <summary>This thread's buffer, emptied. Valid until the same thread builds its next request.</summary>
    public static NetlinkBuffer ForCurrentThread()
    {
        var buffer = t_cached ??= new NetlinkBuffer();
        buffer.Clear();
        return buffer;
    }

    public void Clear() => Length = 0;

    /// <summary>Appends <paramref name="count"/> zeroed bytes and returns them for writing.</summary>
    public Span<byte> Append(int count)
    {
        if (Length + count > _data.Length)
            Array.Resize(ref _data, Math.Max(_data.Length * 2, Length + count));
        var span = _data.AsSpan(Length, count);
        span.Clear();
        Length += count;
        return span;
    }

    /// <summary>Bytes already written, for patching lengths once they are known.</summary>
    public Span<byte> At(int offset, int count) => _data.AsSpan(offset, count);
}
