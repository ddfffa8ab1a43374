namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>
/// Iterates the messages in one datagram. Never reads past a length: a header that claims more bytes than
/// remain, or fewer than a header, stops the iteration with <see cref="IsMalformed"/> set.
/// </summary>
internal ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
        IsMalformed = false;
    }

    public bool IsMalformed { get; private set; }

    public bool TryRead(out NetlinkMessage message)
    {
        message = default;
        if (_remaining.IsEmpty || IsMalformed) return false;
        if (!NetlinkHeader.TryParse(_remaining, out var header) || header.Length < Nlm.HeaderLength || header.Length > _remaining.Length)
        {
            IsMalformed = true;
            return false;
        }
        var length = (int)header.Length;
        message = new NetlinkMessage(header, _remaining[Nlm.HeaderLength..length]);
        _remaining = _remaining[Math.Min(Nlm.Align(length), _remaining.Length)..];
        return true;
    }
}
