namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Interval sets as nft 1.0.6 sends them (segtree.c, set_to_intervals): each interval is a start element and an
/// end element one past its last value (none when it reaches the top), sorted; a set that starts empty also gets an
/// end element at zero, closing the gap below the first interval. Values are big-endian byte strings of one length.
/// </summary>
internal static class NftIntervals
{
    /// <summary>The inclusive bounds of a prefix, range or single value of <paramref name="type"/>.</summary>
    public static (byte[] Low, byte[] High) Bounds(NftType type, int length, NftValue value)
    {
        switch (value)
        {
            case NftPrefix p:
                var low = type.Encode(new NftAddress(p.Network), length, NftByteOrder.Big);
                if (p.Length < 0 || p.Length > length * 8) throw new NftDirectUnsupportedException($"prefix {value}");
                var high = (byte[])low.Clone();
                for (var bit = p.Length; bit < length * 8; bit++) high[bit / 8] |= (byte)(0x80 >> (bit % 8));
                for (var bit = p.Length; bit < length * 8; bit++) low[bit / 8] &= (byte)~(0x80 >> (bit % 8));
                return (low, high);
            case NftRange r:
                var (from, to) = (type.Encode(r.From, length, NftByteOrder.Big), type.Encode(r.To, length, NftByteOrder.Big));
                if (Compare(from, to) > 0) throw new NftDirectUnsupportedException($"range {value} runs backwards");
                return (from, to);
            default:
                var single = type.Encode(value, length, NftByteOrder.Big);
                return (single, single);
        }
    }

    /// <summary>
    /// The elements for <paramref name="intervals"/>. <paramref name="merge"/> joins overlapping and adjacent ones (nft
    /// does for anonymous sets); without it they must be apart, or the transaction goes to libnftables.
    /// </summary>
    public static List<NftWireElement> Elements(IEnumerable<(byte[] Low, byte[] High)> intervals, bool merge, bool firstSegment)
    {
        var sorted = intervals.OrderBy(i => i.Low, Comparer<byte[]>.Create(Compare)).ToList();
        var joined = new List<(byte[] Low, byte[] High)>();
        foreach (var interval in sorted)
        {
            if (joined.Count > 0 && !After(joined[^1].High, interval.Low))
            {
                if (!merge) throw new NftDirectUnsupportedException("overlapping or adjacent intervals in a set without auto-merge");
                if (Compare(interval.High, joined[^1].High) > 0) joined[^1] = (joined[^1].Low, interval.High);
                continue;
            }
            joined.Add(interval);
        }
        var elements = new List<NftWireElement>();
        if (firstSegment && joined.Count > 0 && joined[0].Low.Any(b => b != 0))
            elements.Add(new NftWireElement(new byte[joined[0].Low.Length]) { IntervalEnd = true });
        foreach (var (low, high) in joined)
        {
            elements.Add(new NftWireElement(low));
            if (Increment(high) is { } end) elements.Add(new NftWireElement(end) { IntervalEnd = true });
        }
        return elements;
    }

    public static int Compare(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);

    // True when low starts at least two past high: a gap between the intervals.
    private static bool After(byte[] high, byte[] low) => Increment(high) is { } next && Compare(next, low) < 0;

    /// <summary>The value one above <paramref name="value"/>; null past the top.</summary>
    public static byte[]? Increment(byte[] value)
    {
        var next = (byte[])value.Clone();
        for (var i = next.Length - 1; i >= 0; i--)
        {
            if (++next[i] != 0) return next;
        }
        return null;
    }
}
