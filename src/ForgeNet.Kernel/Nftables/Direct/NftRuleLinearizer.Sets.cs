namespace ForgeNet.Kernel.Nftables;

/// <summary>Anonymous sets and maps: their key type, user data (byte order, nft's "typeof" of the key) and elements.</summary>
internal sealed partial class NftRuleLinearizer
{
    private const uint ConcatExpr = 13, VerdictExpr = 1;

    private NftAnonymousWireSet AnonymousSet(List<NftField> fields, IReadOnlyList<NftValue> values)
    {
        if (values.Count == 0) throw new NftDirectUnsupportedException("an empty anonymous set");
        if (fields.Count > 1 && HasIntervals(values)) return AnonymousConcatIntervals(fields, values);
        var interval = values.Any(v => v is NftPrefix or NftRange);
        List<NftWireElement> elements;
        if (interval)
        {
            if (fields.Count != 1 || fields[0].ByteOrder != NftByteOrder.Big && fields[0].Length > 1)
                throw new NftDirectUnsupportedException("an anonymous interval set of this key");
            var field = fields[0];
            elements = NftIntervals.Elements(values.Select(v => NftIntervals.Bounds(field.Type, field.Length, v)), merge: true, firstSegment: true);
        }
        else
        {
            elements = [.. values.Select(v => new NftWireElement(Key(fields, v)))];
            if (elements.Select(e => Convert.ToHexString(e.Key)).Distinct().Count() != elements.Count)
                throw new NftDirectUnsupportedException("a set with the same element twice");
        }
        var udata = KeyByteOrder(fields);
        if (interval) udata.U32(NftWire.UData.SetMergeElements, 1);
        udata.Raw(NftWire.UData.SetKeyTypeOf, KeyTypeOf(fields));
        return Add(new NftAnonymousWireSet(_batch.NewSetId(), IsMap: false, interval, KeyType(fields), KeyLength(fields), udata.ToArray(), elements));
    }

    /// <summary>Whether a set of these values needs intervals: a prefix or range, alone or as part of a concatenation.</summary>
    private static bool HasIntervals(IEnumerable<NftValue> values) =>
        values.Any(v => v is NftPrefix or NftRange || v is NftConcat c && c.Parts.Any(p => p is NftPrefix or NftRange));

    /// <summary>
    /// <c>meta l4proto . th dport { tcp . 8000-8100 }</c>: a concatenated interval set (flags interval and concat, each
    /// field's length in the description), one element per value from its low to its high end, nothing merged; the
    /// key was loaded in network byte order (<see cref="LoadKey"/>), so host-order parts are sent big-endian too.
    /// </summary>
    private NftAnonymousWireSet AnonymousConcatIntervals(List<NftField> fields, IReadOnlyList<NftValue> values)
    {
        var elements = new List<NftWireElement>();
        foreach (var value in values)
        {
            if (value is not NftConcat concat || concat.Parts.Count != fields.Count)
                throw new NftDirectUnsupportedException($"{value} for a key of {fields.Count} parts");
            var (low, high) = (new byte[KeyLength(fields)], new byte[KeyLength(fields)]);
            var offset = 0;
            for (var i = 0; i < fields.Count; i++)
            {
                var (l, h) = NftIntervals.Bounds(fields[i].Type, fields[i].Length, concat.Parts[i]);
                l.CopyTo(low, offset);
                h.CopyTo(high, offset);
                offset += NftTypes.Padded(fields[i].Length);
            }
            elements.Add(new NftWireElement(low) { KeyEnd = high });
        }
        if (elements.Select(e => Convert.ToHexString(e.Key) + Convert.ToHexString(e.KeyEnd!)).Distinct().Count() != elements.Count)
            throw new NftDirectUnsupportedException("a set with the same element twice");
        // A host-order part is wrapped in a conversion, which has no "typeof" of its own: nft then records a bare concat.
        var typeOf = fields.Any(f => f.ByteOrder == NftByteOrder.Host)
            ? new NftUData().U32(NftWire.UData.TypeOfExpr, ConcatExpr).Raw(NftWire.UData.TypeOfData, []).ToArray()
            : KeyTypeOf(fields);
        var udata = KeyByteOrder(fields).U32(NftWire.UData.SetMergeElements, 1).Raw(NftWire.UData.SetKeyTypeOf, typeOf);
        return Add(new NftAnonymousWireSet(_batch.NewSetId(), IsMap: false, IsInterval: true, KeyType(fields), KeyLength(fields), udata.ToArray(), elements)
        {
            ConcatFields = [.. fields.Select(f => f.Length)],
        });
    }

    private NftAnonymousWireSet AnonymousMap(List<NftField> fields, IEnumerable<NftMapEntry> entries)
    {
        var elements = entries.Select(e => new NftWireElement(Key(fields, e.Key)) { Verdict = (NftVerdict)e.Value }).ToList();
        if (elements.Select(e => Convert.ToHexString(e.Key)).Distinct().Count() != elements.Count)
            throw new NftDirectUnsupportedException("a map with the same key twice");
        var udata = KeyByteOrder(fields)
            .U32(NftWire.UData.SetDataByteOrder, NftWire.UData.ByteOrderInvalid)
            .Nest(NftWire.UData.SetDataTypeOf, new NftUData().U32(NftWire.UData.TypeOfExpr, VerdictExpr).Raw(NftWire.UData.TypeOfData, []))
            .U32(NftWire.UData.SetDataInterval, 0);
        return Add(new NftAnonymousWireSet(_batch.NewSetId(), IsMap: true, IsInterval: false, KeyType(fields), KeyLength(fields), udata.ToArray(), elements));
    }

    private NftAnonymousWireSet Add(NftAnonymousWireSet set)
    {
        _sets.Add(set);
        return set;
    }

    /// <summary>One element's key: a single value, or a concatenation with every part padded to 32 bits.</summary>
    private static byte[] Key(List<NftField> fields, NftValue value)
    {
        if (fields.Count == 1) return fields[0].Type.Encode(value, fields[0].Length, fields[0].ByteOrder);
        if (value is not NftConcat concat || concat.Parts.Count != fields.Count)
            throw new NftDirectUnsupportedException($"{value} for a key of {fields.Count} parts");
        var key = new byte[KeyLength(fields)];
        var offset = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            if (concat.Parts[i] is NftPrefix or NftRange) throw new NftDirectUnsupportedException($"interval {concat.Parts[i]} in a concatenation");
            fields[i].Type.Encode(concat.Parts[i], fields[i].Length, fields[i].ByteOrder).CopyTo(key, offset);
            offset += NftTypes.Padded(fields[i].Length);
        }
        return key;
    }

    private static uint KeyType(List<NftField> fields) => fields.Aggregate(0u, (id, f) => id << NftTypes.ConcatBits | f.Type.Id);

    private static int KeyLength(List<NftField> fields) => fields.Count == 1 ? fields[0].Length : fields.Sum(f => NftTypes.Padded(f.Length));

    private static NftUData KeyByteOrder(List<NftField> fields) =>
        new NftUData().U32(NftWire.UData.SetKeyByteOrder, fields.Count == 1 ? (uint)fields[0].ByteOrder : NftWire.UData.ByteOrderInvalid);

    // A concatenation's "typeof" is the concat expression with each part's own description, numbered from 0.
    private static byte[] KeyTypeOf(List<NftField> fields)
    {
        if (fields.Count == 1) return fields[0].TypeOf;
        var parts = new NftUData();
        for (var i = 0; i < fields.Count; i++) parts.Raw((byte)i, fields[i].TypeOf);
        return new NftUData().U32(NftWire.UData.TypeOfExpr, ConcatExpr).Nest(NftWire.UData.TypeOfData, parts).ToArray();
    }
}
