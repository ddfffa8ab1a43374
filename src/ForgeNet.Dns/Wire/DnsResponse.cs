using System.Buffers.Binary;

namespace ForgeNet.Dns.Wire;

/// <summary>
/// Writes the server's own responses into a caller's buffer: local answers (A, AAAA, PTR), negative answers with the
/// zone's SOA, errors, and truncated stubs. Every write is bounds-checked by the span; callers size buffers generously.
/// </summary>
public ref struct DnsResponse
{
    private readonly Span<byte> _buffer;
    private int _length;
    private int _answers;
    private int _authority;
    private int _additional;

    /// <summary>Starts a response to <paramref name="query"/>: its id and question, QR and RA set, RD/CD copied.</summary>
    public DnsResponse(Span<byte> buffer, DnsQuery query, int rcode, bool authoritative)
    {
        _buffer = buffer;
        var flags = (ushort)(0x8000 | 0x0080 | (query.Flags & 0x0110) | rcode);
        if (authoritative) flags |= 0x0400;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, query.Id);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[4..], 1);
        buffer[6..12].Clear();
        query.Question.CopyTo(buffer[12..]);
        _length = 12 + query.Question.Length;
    }

    /// <summary>A header-only error for a query that could not be parsed (id and RD copied from whatever header there was).</summary>
    public static int WriteHeaderError(ReadOnlySpan<byte> packet, Span<byte> buffer, int rcode)
    {
        packet[..2].CopyTo(buffer);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)(0x8000 | (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) & 0x7900) | rcode));
        buffer[4..12].Clear();
        return 12;
    }

    /// <summary>Adds an answer that points back at the question's name (offset 12); <paramref name="data"/> is its RDATA.</summary>
    public void AddAnswer(ushort type, uint ttl, scoped ReadOnlySpan<byte> data)
    {
        WriteRecord(0xC00C, type, ttl, data);
        _answers++;
    }

    /// <summary>Adds the zone's SOA to the authority section (for negative answers, RFC 2308), minimum TTL 0.</summary>
    public void AddSoa(string zone)
    {
        Span<byte> data = stackalloc byte[2 * DnsName.MaxLength + 20];
        Span<byte> owner = stackalloc byte[DnsName.MaxLength];
        if (!DnsName.TryEncode(zone, owner, out var ownerLength) || !DnsName.TryEncode("ns." + zone, data, out var mname)
            || !DnsName.TryEncode("hostmaster." + zone, data[mname..], out var rname)) return;
        var numbers = data[(mname + rname)..];
        BinaryPrimitives.WriteUInt32BigEndian(numbers, 1);         // serial
        BinaryPrimitives.WriteUInt32BigEndian(numbers[4..], 3600);   // refresh
        BinaryPrimitives.WriteUInt32BigEndian(numbers[8..], 600);    // retry
        BinaryPrimitives.WriteUInt32BigEndian(numbers[12..], 86400); // expire
        BinaryPrimitives.WriteUInt32BigEndian(numbers[16..], 0);     // minimum: names change the moment sandboxes do
        owner[..ownerLength].CopyTo(_buffer[_length..]);
        _length += ownerLength;
        WriteFixed(DnsType.Soa, 0, data[..(mname + rname + 20)]);
        _authority++;
    }

    /// <summary>Adds an OPT record advertising <paramref name="udpSize"/> (when the query had EDNS, RFC 6891 7).</summary>
    public void AddOpt(int udpSize)
    {
        _buffer[_length++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], DnsType.Opt);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_length + 2)..], (ushort)udpSize);
        _buffer.Slice(_length + 4, 6).Clear();
        _length += 10;
        _additional++;
    }

    /// <summary>Sets TC (the answer did not fit the client's UDP size).</summary>
    public readonly void SetTruncated() => _buffer[2] |= 0x02;

    /// <summary>Writes the section counts and returns the message length.</summary>
    public readonly int Finish()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[6..], (ushort)_answers);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[8..], (ushort)_authority);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[10..], (ushort)_additional);
        return _length;
    }

    private void WriteRecord(ushort pointer, ushort type, uint ttl, scoped ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], pointer);
        _length += 2;
        WriteFixed(type, ttl, data);
    }

    private void WriteFixed(ushort type, uint ttl, scoped ReadOnlySpan<byte> data)
    {
        var fixedPart = _buffer.Slice(_length, 10);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart, type);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[2..], DnsType.ClassIn);
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart[4..], ttl);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[8..], (ushort)data.Length);
        data.CopyTo(_buffer[(_length + 10)..]);
        _length += 10 + data.Length;
    }
}
