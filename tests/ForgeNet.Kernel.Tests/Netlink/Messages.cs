using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Splits a captured datagram into its messages and decodes them, for tests.</summary>
internal static class Messages
{
    public delegate bool Decoder<T>(in NetlinkMessage message, out T? item) where T : class;

    /// <summary>Every message of the datagram as its own byte array.</summary>
    public static List<byte[]> Split(byte[] datagram)
    {
        var result = new List<byte[]>();
        var reader = new NetlinkMessageReader(datagram);
        while (reader.TryRead(out var message)) result.Add(datagram.AsSpan(Offset(datagram, message), (int)message.Header.Length).ToArray());
        Assert.False(reader.IsMalformed, "captured datagram is malformed");
        return result;
    }

    /// <summary>Decodes every message with <paramref name="decode"/>; fails the test on a malformed one.</summary>
    public static List<T> DecodeAll<T>(byte[] datagram, Decoder<T> decode) where T : class
    {
        var items = new List<T>();
        var reader = new NetlinkMessageReader(datagram);
        while (reader.TryRead(out var message))
        {
            Assert.True(decode(message, out var item), $"message type {message.Type} did not decode");
            if (item is not null) items.Add(item);
        }
        Assert.False(reader.IsMalformed);
        return items;
    }

    private static unsafe int Offset(byte[] datagram, in NetlinkMessage message)
    {
        fixed (byte* start = datagram)
        fixed (byte* payload = message.Payload)
        {
            return (int)(payload - start) - Nlm.HeaderLength;
        }
    }
}
