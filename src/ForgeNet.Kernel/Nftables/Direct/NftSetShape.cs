using System.Buffers.Binary;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// What the direct path must know about a named set to write its elements: the key's component types, the value type of
/// a map, and whether it holds intervals. From a set declared in a transaction, or the kernel's GETSET reply.
/// </summary>
internal sealed record NftSetShape(IReadOnlyList<NftType> Key, NftType? Data, bool IsInterval, bool IsMap)
{
    /// <summary>Key bytes: one component as is, several each padded to 32 bits.</summary>
    public int KeyLength => Key.Count == 1 ? Key[0].Length : Key.Sum(t => NftTypes.Padded(t.Length));

    public static NftSetShape Of(NftSet set)
    {
        var key = set.KeyType.Select(t => NftTypes.ByName(t.Name)).ToArray();
        NftType? data = set.ValueType is { } v ? (v.Name == NftDataType.Verdict.Name ? NftTypes.Verdict : NftTypes.ByName(v.Name)) : null;
        return new NftSetShape(key, data, set.Flags.HasFlag(NftSetFlags.Interval), data is not null);
    }

    /// <summary>Parses NEWSET attributes; null when a type is one the direct path does not know.</summary>
    public static NftSetShape? Parse(NetlinkAttributeReader attributes)
    {
        uint flags = 0, keyType = 0, keyLength = 0, dataType = 0;
        var hasData = false;
        while (attributes.TryRead(out var a))
        {
            if (a.Payload.Length != 4) continue;
            var value = BinaryPrimitives.ReadUInt32BigEndian(a.Payload);
            switch (a.Type)
            {
                case NftWire.Set.Flags: flags = value; break;
                case NftWire.Set.KeyType: keyType = value; break;
                case NftWire.Set.KeyLen: keyLength = value; break;
                case NftWire.Set.DataType: dataType = value; hasData = true; break;
            }
        }
        var key = SplitConcat(keyType, (int)keyLength);
        if (key is null) return null;
        NftType? data = null;
        if (hasData)
        {
            data = dataType == NftWire.Set.DataVerdict ? NftTypes.Verdict : NftTypes.ById(dataType);
            if (data is null) return null;
        }
        return new NftSetShape(key, data, (flags & NftWire.Set.Interval) != 0, (flags & NftWire.Set.Map) != 0);
    }

    // A concatenated id packs six bits per component; the key length tells how many components there are.
    private static NftType[]? SplitConcat(uint id, int keyLength)
    {
        var parts = new List<NftType>();
        for (var rest = id; rest != 0; rest >>= NftTypes.ConcatBits)
        {
            if (NftTypes.ById(rest & ((1u << NftTypes.ConcatBits) - 1)) is not { } t) return null;
            parts.Insert(0, t);
        }
        if (parts.Count == 0) return null;
        var shape = new NftSetShape(parts, null, false, false);
        return shape.KeyLength == keyLength ? [.. parts] : null;
    }
}
