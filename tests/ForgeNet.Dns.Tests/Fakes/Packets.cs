using System.Buffers.Binary;
using System.Net;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Tests.Fakes;

/// <summary>Builds queries and responses byte by byte, independently of the server's writer, and reads answers back.</summary>
internal static class Packets
{
    public static byte[] Query(string name, ushort type, ushort id = 0x1234, int? edns = null, bool rd = true)
    {
        var bytes = new List<byte>();
        bytes.AddRange(U16(id));
        bytes.AddRange(U16((ushort)(rd ? 0x0100 : 0)));
        bytes.AddRange(U16(1));
        bytes.AddRange(U16(0));
        bytes.AddRange(U16(0));
        bytes.AddRange(U16((ushort)(edns is null ? 0 : 1)));
        bytes.AddRange(Name(name));
        bytes.AddRange(U16(type));
        bytes.AddRange(U16(1));
        if (edns is { } size)
        {
            bytes.Add(0);
            bytes.AddRange(U16(DnsType.Opt));
            bytes.AddRange(U16((ushort)size));
            bytes.AddRange(new byte[6]);
        }
        return bytes.ToArray();
    }

    public static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        bytes.Add(0);
        return bytes.ToArray();
    }

    public static byte[] U16(ushort value) => [(byte)(value >> 8), (byte)value];

    public static byte[] U32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    public static ushort Id(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet);

    public static int Rcode(byte[] packet) => packet[3] & 0xF;

    public static bool Truncated(byte[] packet) => (packet[2] & 0x02) != 0;

    public static int AnswerCount(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(6));

    public static int AdditionalCount(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(10));

    /// <summary>Every answer-section record as (owner, type, ttl, rdata-as-text), parsed with the production name reader.</summary>
    public static List<(string Owner, ushort Type, uint Ttl, string Data)> Answers(byte[] packet)
    {
        var result = new List<(string, ushort, uint, string)>();
        var offset = 12;
        Assert.True(DnsName.TrySkip(packet, ref offset));
        offset += 4;
        var wire = new byte[DnsName.MaxLength];
        for (var i = 0; i < AnswerCount(packet); i++)
        {
            Assert.True(DnsName.TryRead(packet, ref offset, wire, out var length));
            var owner = DnsName.ToText(wire.AsSpan(0, length));
            var type = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(offset));
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(offset + 4));
            var rdLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(offset + 8));
            var data = offset + 10;
            string text;
            if (type is DnsType.A or DnsType.Aaaa) text = new IPAddress(packet.AsSpan(data, rdLength)).ToString();
            else
            {
                var at = data;
                Assert.True(DnsName.TryRead(packet, ref at, wire, out var targetLength));
                text = DnsName.ToText(wire.AsSpan(0, targetLength));
            }
            result.Add((owner, type, ttl, text));
            offset = data + rdLength;
        }
        return result;
    }
}
