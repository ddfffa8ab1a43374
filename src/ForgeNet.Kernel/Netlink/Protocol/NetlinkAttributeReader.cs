namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>
/// Iterates attributes in a span. Never reads past a length: an nla_len below 4 or beyond the remaining
/// bytes stops the iteration with <see cref="IsMalformed"/> set. A missing final pad is tolerated.
/// </summary>
internal ref struct NetlinkAttributeReader
{
    private const int HeaderLength = 4;
    private ReadOnlySpan<byte> _remaining;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
        IsMalformed = false;
    }

    public bool IsMalformed { get; private set; }

    public bool TryRead(out NetlinkAttribute attribute)
    {
        attribute = default;
        if (_remaining.IsEmpty || IsMalformed) return false;
        if (_remaining.Length < HeaderLength)
        {
            IsMalformed = true;
            return false;
        }
        var length = HostOrder.ReadUInt16(_remaining);
        if (length < HeaderLength || length > _remaining.Length)
        {
            IsMalformed = true;
            return false;
        }
        attribute = new NetlinkAttribute(HostOrder.ReadUInt16(_remaining[2..]), _remaining[HeaderLength..length]);
        _remaining = _remaining[Math.Min(Nlm.Align(length), _remaining.Length)..];
        return true;
    }
}
