using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// One of nft's data types as the direct path needs it: the id the kernel stores with a set, the value length, the
/// byte order nft records, and how a model value of this type becomes register bytes. Symbolic names (<c>arp</c>,
/// <c>echo-request</c>, <c>established</c>) resolve through the type's table, as nft resolves them.
/// </summary>
internal sealed record NftType(string Name, uint Id, int Length, NftByteOrder ByteOrder, NftTypeKind Kind,
    IReadOnlyDictionary<string, ulong>? Symbols = null)
{
    /// <summary>The value as register bytes (<see cref="Length"/> of them); throws <see cref="NftDirectUnsupportedException"/> when unsure.</summary>
    public byte[] Encode(NftValue value) => Encode(value, Length, ByteOrder);

    /// <summary>The value at an explicit length and byte order (a raw payload's integer, a meta key's order).</summary>
    public byte[] Encode(NftValue value, int length, NftByteOrder order) => (Kind, value) switch
    {
        (NftTypeKind.Ipv4, _) => Address(value, AddressFamily.InterNetwork),
        (NftTypeKind.Ipv6, _) => Address(value, AddressFamily.InterNetworkV6),
        (NftTypeKind.Ether, NftString s) => Mac(s.Value),
        (NftTypeKind.IfName, NftString s) => IfName(s.Value),
        (NftTypeKind.Integer, NftNumber n) => Integer(n.Value, length, order),
        (NftTypeKind.Integer, NftString s) when Symbols is not null && Symbols.TryGetValue(s.Value, out var v) => Integer(v, length, order),
        (NftTypeKind.Integer, NftString s) when s.Value.StartsWith("0x", StringComparison.Ordinal) => Hex(s.Value, length),
        (NftTypeKind.Bitmask, NftString s) => Integer(Symbol(s.Value), length, order),
        (NftTypeKind.Bitmask, NftFlagList f) => Integer(f.Names.Aggregate(0UL, (bits, name) => bits | Symbol(name)), length, order),
        (NftTypeKind.Bitmask, NftNumber n) => Integer(n.Value, length, order),
        _ => throw new NftDirectUnsupportedException($"value {value} of type {Name}"),
    };

    private ulong Symbol(string name) => Symbols is not null && Symbols.TryGetValue(name, out var v)
        ? v
        : throw new NftDirectUnsupportedException($"{Name} value '{name}'");

    private static byte[] Address(NftValue value, AddressFamily family)
    {
        var address = value switch
        {
            NftAddress a => a.Value,
            // Only literal addresses: .NET also takes inet_aton's short forms ("10" is 0.0.0.10), which nft would look up as a host name.
            NftString s when (s.Value.Count(c => c == '.') == 3 || s.Value.Contains(':')) && IPAddress.TryParse(s.Value, out var parsed) => parsed,
            _ => throw new NftDirectUnsupportedException($"address value {value}"),
        };
        if (address.AddressFamily != family || (family == AddressFamily.InterNetworkV6 && address.ScopeId != 0))
            throw new NftDirectUnsupportedException($"address {address} where {family} is expected");
        return address.GetAddressBytes();
    }

    private static byte[] Mac(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 6) throw new NftDirectUnsupportedException($"MAC address '{text}'");
        var bytes = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            if (parts[i].Length is < 1 or > 2 || !byte.TryParse(parts[i], System.Globalization.NumberStyles.HexNumber, null, out bytes[i]))
                throw new NftDirectUnsupportedException($"MAC address '{text}'");
        }
        return bytes;
    }

    /// <summary>IFNAMSIZ bytes, NUL padded. A trailing <c>*</c> is a wildcard, which only a comparison can express.</summary>
    private static byte[] IfName(string name)
    {
        var length = Encoding.UTF8.GetByteCount(name);
        if (length is 0 or > 15 || name.EndsWith('*') || name.Contains('\\'))
            throw new NftDirectUnsupportedException($"interface name '{name}'");
        var bytes = new byte[16];
        Encoding.UTF8.GetBytes(name, bytes);
        return bytes;
    }

    private static byte[] Integer(ulong value, int length, NftByteOrder order)
    {
        if (length < 8 && value >> (length * 8) != 0) throw new NftDirectUnsupportedException($"{value} does not fit {length} bytes");
        var bytes = new byte[length];
        Span<byte> wide = stackalloc byte[8];
        if (order == NftByteOrder.Host)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(wide, value);
            wide[..Math.Min(8, length)].CopyTo(bytes);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(wide, value);
            if (length <= 8) wide[(8 - length)..].CopyTo(bytes);
            else wide.CopyTo(bytes.AsSpan(length - 8));
        }
        return bytes;
    }

    /// <summary>A hexadecimal literal of up to <paramref name="length"/> bytes, big-endian (how nft reads raw payload values).</summary>
    private static byte[] Hex(string text, int length)
    {
        var digits = text[2..];
        if (digits.Length == 0 || digits.Length > length * 2 || !digits.All(Uri.IsHexDigit))
            throw new NftDirectUnsupportedException($"hexadecimal value '{text}'");
        var bytes = new byte[length];
        Convert.FromHexString(digits.PadLeft(length * 2, '0')).CopyTo(bytes, 0);
        return bytes;
    }
}
