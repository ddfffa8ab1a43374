using System.Text;

namespace ForgeNet.Dns.Wire;

/// <summary>
/// Domain names on the wire. Reading is bounded: at most 255 bytes of name, labels of at most 63, and compression
/// pointers that must point strictly before the label that holds them (so a chain of them always ends) and number
/// at most <see cref="MaxPointers"/>. Text form: lower-case, no trailing dot, the root as "", odd bytes as \DDD.
/// </summary>
public static class DnsName
{
    /// <summary>The longest name on the wire, root label included (RFC 1035 3.1).</summary>
    public const int MaxLength = 255;

    /// <summary>More pointers than a 255-byte name can need: anything past this is an attack or garbage.</summary>
    public const int MaxPointers = 127;

    /// <summary>
    /// Reads the name at <paramref name="offset"/> in <paramref name="message"/>; on success <paramref name="offset"/>
    /// moves past it (past the first pointer when compressed) and <paramref name="wire"/> receives the uncompressed form.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, ref int offset, Span<byte> wire, out int wireLength)
    {
        wireLength = 0;
        var position = offset;
        var end = -1;
        var pointers = 0;
        while (true)
        {
            if (position >= message.Length) return false;
            int length = message[position];
            if (length == 0)
            {
                if (wireLength + 1 > MaxLength) return false;
                wire[wireLength++] = 0;
                offset = end >= 0 ? end : position + 1;
                return true;
            }
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length || ++pointers > MaxPointers) return false;
                var target = ((length & 0x3F) << 8) | message[position + 1];
                if (target >= position) return false; // only backwards: a chain of pointers always ends
                if (end < 0) end = position + 2;
                position = target;
                continue;
            }
            if ((length & 0xC0) != 0) return false; // 0x40 and 0x80 label types are obsolete/unassigned
            if (position + 1 + length > message.Length || wireLength + 1 + length + 1 > MaxLength) return false;
            message.Slice(position, 1 + length).CopyTo(wire[wireLength..]);
            wireLength += 1 + length;
            position += 1 + length;
        }
    }

    /// <summary>Skips the name at <paramref name="offset"/> with the same bounds as <see cref="TryRead"/>.</summary>
    public static bool TrySkip(ReadOnlySpan<byte> message, ref int offset)
    {
        Span<byte> scratch = stackalloc byte[MaxLength];
        return TryRead(message, ref offset, scratch, out _);
    }

    /// <summary>The text form of an uncompressed wire name (lower-case, no trailing dot).</summary>
    public static string ToText(ReadOnlySpan<byte> wire)
    {
        // Every byte becomes at most four characters ("\DDD") and a label's length byte one dot: no builder needed.
        Span<char> text = wire.Length <= MaxLength + 1 ? stackalloc char[4 * (MaxLength + 1)] : new char[4 * wire.Length];
        var written = 0;
        var position = 0;
        while (position < wire.Length && wire[position] != 0)
        {
            int length = wire[position];
            if (written > 0) text[written++] = '.';
            foreach (var b in wire.Slice(position + 1, length))
            {
                var c = b is >= (byte)'A' and <= (byte)'Z' ? (char)(b + 32) : (char)b;
                if (c is '.' or '\\' || b <= 0x20 || b >= 0x7F)
                {
                    text[written++] = '\\';
                    text[written++] = (char)('0' + b / 100);
                    text[written++] = (char)('0' + b / 10 % 10);
                    text[written++] = (char)('0' + b % 10);
                }
                else text[written++] = c;
            }
            position += 1 + length;
        }
        return new string(text[..written]);
    }

    /// <summary>Encodes a text name (plain labels only, as the local zone makes them); false when it does not fit.</summary>
    public static bool TryEncode(string name, Span<byte> destination, out int written)
    {
        written = 0;
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (label.Length > 63 || written + 1 + label.Length + 1 > Math.Min(MaxLength, destination.Length)) return false;
            destination[written++] = (byte)label.Length;
            written += Encoding.ASCII.GetBytes(label, destination[written..]);
        }
        if (written + 1 > destination.Length) return false;
        destination[written++] = 0;
        return true;
    }

    /// <summary>Case-insensitive equality of two uncompressed wire names (ASCII case only, as RFC 4343 says).</summary>
    public static bool WireEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (Lower(a[i]) != Lower(b[i])) return false;
        return true;
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
}
