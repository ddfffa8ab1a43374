namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// libnftnl's user data: a flat list of TLVs (one byte type, one byte length, the value), nested by putting a list
/// inside a value. Integers are 32-bit, host order. nft keeps comments and a set's type information here.
/// </summary>
internal sealed class NftUData
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public NftUData U32(byte type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(v, value);
        return Raw(type, v);
    }

    /// <summary>A string with its NUL, as nft writes comments.</summary>
    public NftUData String(byte type, string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(value + "\0");
        return Raw(type, bytes);
    }

    public NftUData Nest(byte type, NftUData inner) => Raw(type, inner.ToArray());

    public NftUData Raw(byte type, ReadOnlySpan<byte> value)
    {
        if (value.Length > byte.MaxValue) throw new NftDirectUnsupportedException($"user data of {value.Length} bytes");
        _bytes.Add(type);
        _bytes.Add((byte)value.Length);
        foreach (var b in value) _bytes.Add(b);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];
}
