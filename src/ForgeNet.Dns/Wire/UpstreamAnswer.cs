using System.Buffers.Binary;
using System.Net;

namespace ForgeNet.Dns.Wire;

/// <summary>
/// An upstream's response, checked against the question it answers and walked with bounds: its RCODE, the TTL fields
/// (so a cached copy can age them), the addresses the question's name finally resolves to through any CNAME chain,
/// and the TTL a cache and the firewall may use.
/// </summary>
public sealed class UpstreamAnswer
{
    /// <summary>Longest CNAME chain followed (resolvers stop at 8–16; anything longer is a loop or abuse).</summary>
    public const int MaxChain = 16;

    private readonly List<int> _ttlOffsets = [];
    private readonly List<(string Owner, ushort Type, uint Ttl, int Data, int Length)> _answers = [];

    private UpstreamAnswer() { }

    public int Rcode { get; private set; }

    public bool Truncated { get; private set; }

    /// <summary>Offsets of every TTL field except OPT's, for aging a cached copy.</summary>
    public IReadOnlyList<int> TtlOffsets => _ttlOffsets;

    /// <summary>The A/AAAA addresses of the end of the question's CNAME chain.</summary>
    public List<IPAddress> Addresses { get; } = [];

    /// <summary>The smallest TTL of the chain and its addresses (what the firewall gets); for negative answers the SOA's.</summary>
    public uint Ttl { get; private set; }

    /// <summary>Where an OPT record starts when it is the message's last record (so it can be cut for clients without EDNS).</summary>
    public int OptStart { get; private set; } = -1;

    /// <summary>
    /// Parses <paramref name="packet"/> as the answer to a query with <paramref name="id"/> and the uncompressed question
    /// <paramref name="question"/> (name, type, class); null when it is not (wrong id or question, not a response, malformed).
    /// </summary>
    public static UpstreamAnswer? TryParse(ReadOnlySpan<byte> packet, ushort id, ReadOnlySpan<byte> question)
    {
        if (packet.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(packet) != id) return null;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if ((flags & 0x8000) == 0 || ((flags >> 11) & 0xF) != 0 || BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) != 1) return null;
        var offset = 12;
        Span<byte> wire = stackalloc byte[DnsName.MaxLength];
        if (!DnsName.TryRead(packet, ref offset, wire, out var nameLength) || offset + 4 > packet.Length) return null;
        var questionName = question[..^4];
        if (!DnsName.WireEquals(wire[..nameLength], questionName) || !packet.Slice(offset, 4).SequenceEqual(question[^4..])) return null;
        offset += 4;
        var answer = new UpstreamAnswer { Rcode = flags & 0xF, Truncated = (flags & 0x0200) != 0 };
        var counts = (An: BinaryPrimitives.ReadUInt16BigEndian(packet[6..]), Ns: BinaryPrimitives.ReadUInt16BigEndian(packet[8..]), Ar: BinaryPrimitives.ReadUInt16BigEndian(packet[10..]));
        if (!answer.ReadRecords(packet, ref offset, counts.An, counts.Ns, counts.Ar)) return answer.Truncated ? answer : null;
        answer.Resolve(packet, DnsName.ToText(questionName), BinaryPrimitives.ReadUInt16BigEndian(question[^4..]));
        return answer;
    }

    private bool ReadRecords(ReadOnlySpan<byte> packet, ref int offset, int an, int ns, int ar)
    {
        Span<byte> wire = stackalloc byte[DnsName.MaxLength];
        uint? negativeTtl = null;
        for (var i = 0; i < an + ns + ar; i++)
        {
            var start = offset;
            if (!DnsName.TryRead(packet, ref offset, wire, out var ownerLength) || offset + 10 > packet.Length) return false;
            var type = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            var ttl = Math.Min(BinaryPrimitives.ReadUInt32BigEndian(packet[(offset + 4)..]), int.MaxValue);
            var length = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 8)..]);
            var data = offset + 10;
            if (data + length > packet.Length) return false;
            if (type == DnsType.Opt)
                OptStart = i == an + ns + ar - 1 ? start : -1;
            else
                _ttlOffsets.Add(offset + 4);
            if (i < an)
                _answers.Add((DnsName.ToText(wire[..ownerLength]), type, ttl, data, length));
            else if (i < an + ns && type == DnsType.Soa && length >= 4 && negativeTtl is null)
                negativeTtl = Math.Min(ttl, BinaryPrimitives.ReadUInt32BigEndian(packet[(data + length - 4)..]));
            offset = data + length;
        }
        _negativeTtl = negativeTtl;
        return true;
    }

    private uint? _negativeTtl;

    private void Resolve(ReadOnlySpan<byte> packet, string name, ushort type)
    {
        uint ttl = uint.MaxValue;
        Span<byte> wire = stackalloc byte[DnsName.MaxLength];
        for (var hop = 0; hop <= MaxChain; hop++)
        {
            string? next = null;
            foreach (var (owner, recordType, recordTtl, data, length) in _answers)
            {
                if (owner != name) continue;
                if (recordType == DnsType.Cname && type != DnsType.Cname && next is null)
                {
                    var offset = data;
                    if (!DnsName.TryRead(packet, ref offset, wire, out var targetLength) || offset != data + length) break;
                    next = DnsName.ToText(wire[..targetLength]);
                    ttl = Math.Min(ttl, recordTtl);
                }
                else if ((recordType == DnsType.A && length == 4) || (recordType == DnsType.Aaaa && length == 16))
                {
                    Addresses.Add(new IPAddress(packet.Slice(data, length)));
                    ttl = Math.Min(ttl, recordTtl);
                }
            }
            if (Addresses.Count > 0 || next is null) break;
            name = next;
        }
        Ttl = Addresses.Count > 0 || (Rcode == DnsType.NoError && _answers.Count > 0) ? (ttl == uint.MaxValue ? MinAnswerTtl() : ttl) : _negativeTtl ?? 0;
    }

    private uint MinAnswerTtl() => _answers.Count == 0 ? 0 : _answers.Min(a => a.Ttl);
}
