namespace ForgeNet.Kernel.Nftables;

/// <summary>Model elements to wire elements for a set of a known shape.</summary>
internal sealed partial class NftDirectEncoder
{
    private List<NftWireElement> Wire((NftTable Table, string Set) key, NftSetShape shape, NftVerb verb, IReadOnlyList<NftElement> elements)
    {
        if (shape.IsInterval && shape.Key.Count == 1)
        {
            if (verb != NftVerb.Add) throw new NftDirectUnsupportedException($"{verb} elements of interval set {key.Set}");
            if (elements.Any(e => e.Value is not null || e.Timeout is not null || e.Comment is not null))
                throw new NftDirectUnsupportedException("interval elements with data, timeouts or comments");
            var type = shape.Key[0];
            if (type.ByteOrder == NftByteOrder.Host && type.Length > 1) throw new NftDirectUnsupportedException("intervals of host-order values");
            var intervals = elements.Select(e => NftIntervals.Bounds(type, type.Length, e.Key)).ToList();
            if (_empty.Contains(key)) return NftIntervals.Elements(intervals, merge: false, firstSegment: true);
            // Without knowing what the set holds, nft's first-segment rule cannot be followed (libnftables reads the set
            // for it). The usual case, though, is adding again what is there (a network's subnet, a preset's ranges, with
            // every endpoint): one dump of this set tells, and then there is nothing to send.
            if (AlreadyHeld(key, intervals)) return [];
            throw new NftDirectUnsupportedException($"{verb} elements of interval set {key.Set} that may not be empty");
        }
        return [.. elements.Select(e => Element(shape, e, verb))];
    }

    // True when every interval is in the kernel's set exactly (a start element at its low end, an end element right
    // after its high end, nothing between), and no earlier command of this batch touched the set.
    private bool AlreadyHeld((NftTable Table, string Set) key, List<(byte[] Low, byte[] High)> intervals)
    {
        if (elementsOf is null || _touched.Contains(key) || _deletedTables.Contains(key.Table)) return false;
        var held = elementsOf(key.Table, key.Set);
        if (held is null) return false;
        // Sorted by key; at an equal key an interval's end comes before the next one's start.
        held.Sort((a, b) => NftIntervals.Compare(a.Key, b.Key) is var c && c != 0 ? c : b.IntervalEnd.CompareTo(a.IntervalEnd));
        foreach (var (low, high) in intervals)
        {
            var i = held.FindIndex(e => !e.IntervalEnd && NftIntervals.Compare(e.Key, low) == 0);
            if (i < 0) return false;
            var end = NftIntervals.Increment(high);
            var ok = end is null ? i == held.Count - 1 : i + 1 < held.Count && held[i + 1].IntervalEnd && NftIntervals.Compare(held[i + 1].Key, end) == 0;
            if (!ok) return false;
        }
        return true;
    }

    private static NftWireElement Element(NftSetShape shape, NftElement element, NftVerb verb)
    {
        var (low, high) = Key(shape, element.Key);
        var wire = new NftWireElement(low)
        {
            KeyEnd = shape.IsInterval ? high : null,
            Timeout = element.Timeout,
            Comment = element.Comment,
        };
        if (verb == NftVerb.Delete) return wire;
        return (shape.Data, element.Value) switch
        {
            (null, null) => wire,
            ({ Kind: NftTypeKind.Verdict }, NftVerdict v) => wire with { Verdict = v },
            ({ Kind: not NftTypeKind.Verdict } data, { } value) when value is not (NftPrefix or NftRange) => wire with { Data = data.Encode(value) },
            _ => throw new NftDirectUnsupportedException($"element {element.Key} : {element.Value}"),
        };
    }

    /// <summary>The element's key, and its last value for a concatenated interval set (equal to the key when no part is a range).</summary>
    private static (byte[] Low, byte[] High) Key(NftSetShape shape, NftValue value)
    {
        if (shape.Key.Count == 1)
        {
            if (value is NftPrefix or NftRange) throw new NftDirectUnsupportedException($"interval {value} in a set without intervals");
            var single = shape.Key[0].Encode(value);
            return (single, single);
        }
        if (value is not NftConcat concat || concat.Parts.Count != shape.Key.Count)
            throw new NftDirectUnsupportedException($"{value} for a key of {shape.Key.Count} parts");
        var (low, high) = (new byte[shape.KeyLength], new byte[shape.KeyLength]);
        var offset = 0;
        for (var i = 0; i < shape.Key.Count; i++)
        {
            var type = shape.Key[i];
            if (concat.Parts[i] is NftPrefix or NftRange && !shape.IsInterval)
                throw new NftDirectUnsupportedException($"interval {concat.Parts[i]} in a set without intervals");
            var (l, h) = NftIntervals.Bounds(type, type.Length, concat.Parts[i]);
            if (type.ByteOrder == NftByteOrder.Host && type.Length > 1 && !l.AsSpan().SequenceEqual(type.Encode(concat.Parts[i])))
                throw new NftDirectUnsupportedException($"host-order part {concat.Parts[i]}");
            l.CopyTo(low, offset);
            h.CopyTo(high, offset);
            offset += NftTypes.Padded(type.Length);
        }
        return (low, high);
    }
}
