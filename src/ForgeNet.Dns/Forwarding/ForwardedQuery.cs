using System.Buffers.Binary;
using System.Security.Cryptography;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Forwarding;

/// <summary>
/// The query ForgeNet sends upstream for a client's question: a fresh random id, RD and CD as the client set them, the
/// question, and an OPT record advertising <see cref="UdpSize"/> with the client's DO bit and the loop-detection nonce.
/// </summary>
public sealed class ForwardedQuery
{
    /// <summary>The EDNS0 buffer size advertised upstream (the DNS flag day 2020 value: no IP fragmentation).</summary>
    public const int UdpSize = 1232;

    /// <summary>Marks queries this process forwards: one that comes back to us carries it (RFC 6891 local option).</summary>
    public static readonly ulong LoopNonce = BinaryPrimitives.ReadUInt64BigEndian(RandomNumberGenerator.GetBytes(8));

    public ForwardedQuery(DnsQuery query)
    {
        Question = query.Question;
        Span<byte> random = stackalloc byte[2];
        RandomNumberGenerator.Fill(random);
        Id = BinaryPrimitives.ReadUInt16BigEndian(random);
        var packet = new byte[12 + query.Question.Length + 11 + 12];
        BinaryPrimitives.WriteUInt16BigEndian(packet, Id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(query.Flags & 0x0110));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), 1);
        query.Question.CopyTo(packet, 12);
        var opt = packet.AsSpan(12 + query.Question.Length);
        opt[0] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(opt[1..], DnsType.Opt);
        BinaryPrimitives.WriteUInt16BigEndian(opt[3..], UdpSize);
        opt[7] = query.DnssecOk ? (byte)0x80 : (byte)0;
        BinaryPrimitives.WriteUInt16BigEndian(opt[9..], 12);
        BinaryPrimitives.WriteUInt16BigEndian(opt[11..], DnsQuery.LoopOptionCode);
        BinaryPrimitives.WriteUInt16BigEndian(opt[13..], 8);
        BinaryPrimitives.WriteUInt64BigEndian(opt[15..], LoopNonce);
        Packet = packet;
    }

    public ushort Id { get; }

    public byte[] Question { get; }

    /// <summary>The query under <see cref="Id"/> (a UDP channel sends a copy under an id unique among its pending queries).</summary>
    public byte[] Packet { get; }
}
