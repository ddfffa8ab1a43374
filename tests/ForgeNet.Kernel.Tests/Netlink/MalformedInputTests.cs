using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Model;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Truncated and corrupted input: parsers report failure and never read past a length.</summary>
public sealed class MalformedInputTests
{
    [Fact]
    public void MessageReader_EveryTruncation_IsMalformedNotAnException()
    {
        var datagram = Hex.Bytes(Captured.LinkReply);
        for (var length = 1; length < datagram.Length; length++)
        {
            var reader = new NetlinkMessageReader(datagram.AsSpan(0, length));
            Assert.False(reader.TryRead(out _));
            Assert.True(reader.IsMalformed, $"truncated to {length} bytes");
        }
    }

    [Theory]
    [InlineData(nameof(Captured.LinkReply))]
    [InlineData(nameof(Captured.AddressDump4))]
    [InlineData(nameof(Captured.RouteDump4))]
    [InlineData(nameof(Captured.ErrorWithExtAck))]
    public void Decoders_PayloadCutAnywhere_ReturnFalseOrDecodeAPrefix(string capture)
    {
        var message = Messages.Split(Hex.Bytes((string)typeof(Captured).GetField(capture)!.GetValue(null)!))[0];
        for (var cut = Nlm.HeaderLength; cut < message.Length; cut++)
        {
            // Shrink nlmsg_len too, so the message is well framed but its payload ends early.
            var bytes = message.AsSpan(0, cut).ToArray();
            HostOrder.WriteUInt32(bytes, (uint)cut);
            var reader = new NetlinkMessageReader(bytes);
            Assert.True(reader.TryRead(out var truncated));
            // Any outcome is fine except an exception or a read beyond the span (which would throw).
            LinkDecoder.TryDecode(truncated, out _);
            AddressDecoder.TryDecode(truncated, out _);
            RouteDecoder.TryDecode(truncated, out _);
            NetlinkAck.TryParseError(truncated, out _);
            NetlinkAck.TryParseDone(truncated, out _);
            RtMessage.TryParse(bytes, out _);
        }
    }

    [Fact]
    public void LinkDecoder_AttributeLongerThanMessage_ReturnsFalse()
    {
        var bytes = Messages.Split(Hex.Bytes(Captured.LinkReply))[0];
        // The first attribute (IFLA_IFNAME) starts after nlmsghdr + ifinfomsg; claim 0xFFF0 bytes for it.
        HostOrder.WriteUInt16(bytes.AsSpan(32), 0xFFF0);

        Assert.False(Decode(bytes, out _));
        Assert.False(RtMessage.TryParse(bytes, out _));
    }

    [Fact]
    public void LinkDecoder_AttributeLengthBelowHeader_ReturnsFalse()
    {
        var bytes = Messages.Split(Hex.Bytes(Captured.LinkReply))[0];
        HostOrder.WriteUInt16(bytes.AsSpan(32), 2);

        Assert.False(Decode(bytes, out _));
    }

    [Fact]
    public void LinkDecoder_NestedLinkInfoCorrupt_ReturnsFalse()
    {
        // ip's request: IFLA_LINKINFO at offset 40, its first child (IFLA_INFO_KIND) at 44; decode it as if it were a reply.
        var bytes = Hex.Bytes(Captured.VethSimple);
        HostOrder.WriteUInt16(bytes.AsSpan(44), 0x00FF);

        Assert.False(Decode(bytes, out _));
    }

    [Fact]
    public void RouteDecoder_PrefixLengthBeyondFamily_ReturnsFalse()
    {
        var bytes = Messages.Split(Hex.Bytes(Captured.RouteDump4))[1];
        bytes[Nlm.HeaderLength + 1] = 33;
        var reader = new NetlinkMessageReader(bytes);
        Assert.True(reader.TryRead(out var message));

        Assert.False(RouteDecoder.TryDecode(message, out _));
    }

    [Fact]
    public void MessageReader_LengthBelowHeader_IsMalformed()
    {
        var bytes = Hex.Bytes("0800000003000200000000000000000000000000");
        var reader = new NetlinkMessageReader(bytes);

        Assert.False(reader.TryRead(out _));
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void AttributeReader_TrailingBytesShorterThanHeader_IsMalformed()
    {
        var reader = new NetlinkAttributeReader(Hex.Bytes("0800030066763100" + "0800"));

        Assert.True(reader.TryRead(out var first));
        Assert.Equal("fv1", first.GetString());
        Assert.False(reader.TryRead(out _));
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void TypedGetters_WrongPayloadLength_ReturnFalse()
    {
        var reader = new NetlinkAttributeReader(Hex.Bytes("0600040001020000"));
        Assert.True(reader.TryRead(out var attribute));

        Assert.False(attribute.TryGetUInt32(out _));
        Assert.False(attribute.TryGetUInt64(out _));
        Assert.True(attribute.TryGetUInt16(out var value));
        Assert.Equal(0x0201, value);
    }

    private static bool Decode(byte[] bytes, out LinkInfo? link)
    {
        var reader = new NetlinkMessageReader(bytes);
        Assert.True(reader.TryRead(out var message));
        return LinkDecoder.TryDecode(message, out link);
    }
}
