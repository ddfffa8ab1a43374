using System.Buffers.Binary;

namespace ForgeNet.Dns.Wire;

/// <summary>
/// A query from a client, as far as the server needs it: id, flags, the one question (its uncompressed wire form and
/// text), and the EDNS0 OPT record if any. Everything else in the packet is walked with bounds and ignored.
/// </summary>
public sealed class DnsQuery
{
    /// <summary>The EDNS0 option code ForgeNet puts into the queries it forwards (local/experimental range, RFC 6891 9).</summary>
    public const ushort LoopOptionCode = 65001;

    private DnsQuery(ushort id, ushort flags, byte[] question, string name, ushort type, ushort @class)
    {
        Id = id;
        Flags = flags;
        Question = question;
        Name = name;
        Type = type;
        Class = @class;
    }

    public ushort Id { get; }

    /// <summary>The header's flags word as received.</summary>
    public ushort Flags { get; }

    /// <summary>The question as it goes on the wire: the uncompressed name (original case), type and class.</summary>
    public byte[] Question { get; }

    /// <summary>The question's name in text form (lower-case, no trailing dot).</summary>
    public string Name { get; }

    public ushort Type { get; }

    public ushort Class { get; }

    /// <summary>True when the query carried an OPT record.</summary>
    public bool HasEdns { get; private set; }

    /// <summary>The UDP payload size the client advertised (512 without EDNS).</summary>
    public int UdpSize { get; private set; } = 512;

    /// <summary>The DNSSEC OK bit from the OPT record.</summary>
    public bool DnssecOk { get; private set; }

    /// <summary>The loop-detection option's payload, when the query carried one (the query went out through a forwarder).</summary>
    public ulong? LoopNonce { get; private set; }

    /// <summary>Recursion desired.</summary>
    public bool RecursionDesired => (Flags & 0x0100) != 0;

    /// <summary>Checking disabled.</summary>
    public bool CheckingDisabled => (Flags & 0x0010) != 0;

    /// <summary>
    /// Parses a query. Returns null when it cannot be answered normally: then <paramref name="rcode"/> is -1 for packets
    /// that deserve no answer at all (shorter than a header, or a response), else FORMERR/NOTIMP for a header-only error.
    /// </summary>
    public static DnsQuery? TryParse(ReadOnlySpan<byte> packet, out int rcode)
    {
        rcode = -1;
        if (packet.Length < 12) return null;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if ((flags & 0x8000) != 0) return null; // a response: never answer one (reflection loops)
        rcode = DnsType.FormErr;
        if (((flags >> 11) & 0xF) != 0) { rcode = DnsType.NotImp; return null; }
        if (BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) != 1) return null;
        var offset = 12;
        Span<byte> wire = stackalloc byte[DnsName.MaxLength];
        if (!DnsName.TryRead(packet, ref offset, wire, out var nameLength) || offset + 4 > packet.Length) return null;
        var question = new byte[nameLength + 4];
        wire[..nameLength].CopyTo(question);
        packet.Slice(offset, 4).CopyTo(question.AsSpan(nameLength));
        offset += 4;
        var query = new DnsQuery(BinaryPrimitives.ReadUInt16BigEndian(packet), flags, question, DnsName.ToText(wire[..nameLength]),
            BinaryPrimitives.ReadUInt16BigEndian(question.AsSpan(nameLength)), BinaryPrimitives.ReadUInt16BigEndian(question.AsSpan(nameLength + 2)));
        var records = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) + BinaryPrimitives.ReadUInt16BigEndian(packet[8..]) + BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);
        if (!query.ReadRecords(packet, offset, records)) return null;
        rcode = DnsType.NoError;
        return query;
    }

    private bool ReadRecords(ReadOnlySpan<byte> packet, int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var owner = offset;
            if (!DnsName.TrySkip(packet, ref offset) || offset + 10 > packet.Length) return false;
            var type = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 8)..]);
            if (offset + 10 + length > packet.Length) return false;
            if (type == DnsType.Opt)
            {
                if (HasEdns || packet[owner] != 0) return false; // one OPT, owned by the root (RFC 6891 6.1.1)
                HasEdns = true;
                UdpSize = Math.Max(512, (int)BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
                DnssecOk = (packet[offset + 6] & 0x80) != 0;
                if (!ReadOptions(packet.Slice(offset + 10, length))) return false;
            }
            offset += 10 + length;
        }
        return true;
    }

    private bool ReadOptions(ReadOnlySpan<byte> options)
    {
        while (options.Length > 0)
        {
            if (options.Length < 4) return false;
            var code = BinaryPrimitives.ReadUInt16BigEndian(options);
            var length = BinaryPrimitives.ReadUInt16BigEndian(options[2..]);
            if (4 + length > options.Length) return false;
            if (code == LoopOptionCode && length == 8) LoopNonce = BinaryPrimitives.ReadUInt64BigEndian(options[4..]);
            options = options[(4 + length)..];
        }
        return true;
    }
}
