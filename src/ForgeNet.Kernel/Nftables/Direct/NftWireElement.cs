namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// One set element as sent: key (and key end, for a concatenated interval), flags (interval end), map data (a
/// verdict or bytes), timeout and comment.
/// </summary>
internal sealed record NftWireElement(byte[] Key)
{
    public byte[]? KeyEnd { get; init; }

    public bool IntervalEnd { get; init; }

    public NftVerdict? Verdict { get; init; }

    public byte[]? Data { get; init; }

    public TimeSpan? Timeout { get; init; }

    public string? Comment { get; init; }

    public void Write(NftBatch b, bool keyOnly)
    {
        var item = b.BeginNest(NftWire.Elem.Item);
        if (IntervalEnd) b.PutU32(NftWire.Elem.Flags, NftWire.Elem.IntervalEnd);
        if (!keyOnly && Timeout is { } t) b.PutU64(NftWire.Elem.Timeout, (ulong)t.TotalMilliseconds);
        WriteValue(b, NftWire.Elem.Key, Key);
        if (KeyEnd is not null) WriteValue(b, NftWire.Elem.KeyEnd, KeyEnd);
        if (!keyOnly && Verdict is not null)
        {
            var data = b.BeginNest(NftWire.Elem.Data);
            NftWireExpr.WriteVerdict(b, Verdict);
            b.EndNest(data);
        }
        else if (!keyOnly && Data is not null)
        {
            WriteValue(b, NftWire.Elem.Data, Data);
        }
        if (!keyOnly && Comment is not null) b.PutBytes(NftWire.Elem.UserData, new NftUData().String(NftWire.UData.ElemComment, Comment).ToArray());
        b.EndNest(item);
    }

    private static void WriteValue(NftBatch b, ushort type, byte[] value)
    {
        var nest = b.BeginNest(type);
        b.PutBytes(NftWire.Data.Value, value);
        b.EndNest(nest);
    }
}
