using System.Buffers.Binary;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>The direct path's encoding pieces, without a kernel: values, intervals, registers and the batch framing.</summary>
public sealed class NftDirectEncodingTests
{
    [Theory]
    [InlineData("ether_type", "arp", "0806")]
    [InlineData("ether_type", "ip6", "86dd")]
    [InlineData("inet_proto", "ipv6-icmp", "3a")]
    [InlineData("icmpv6_type", "nd-neighbor-advert", "88")]
    [InlineData("ct_state", "related", "04000000")]
    [InlineData("ifname", "veth0", "76657468300000000000000000000000")]
    [InlineData("ether_addr", "02:c8:4d:30:2c:64", "02c84d302c64")]
    [InlineData("ipv4_addr", "10.89.6.110", "0a59066e")]
    public void Encode_SymbolOrLiteral_BytesNftSends(string type, string value, string hex) =>
        Assert.Equal(hex, Convert.ToHexStringLower(NftTypes.ByName(type).Encode(NftValue.String(value))));

    [Fact]
    public void Encode_NumbersAndFlags_InTheTypesByteOrder()
    {
        Assert.Equal("10000000", Convert.ToHexStringLower(NftTypes.Mark.Encode(NftValue.Number(16))));
        Assert.Equal("01bb", Convert.ToHexStringLower(NftTypes.InetService.Encode(NftValue.Port(443))));
        Assert.Equal("06000000", Convert.ToHexStringLower(NftTypes.CtState.Encode(new NftFlagList(["established", "related"]))));
        Assert.Equal("00000000000000000000000000000001", Convert.ToHexStringLower(NftTypes.Integer.Encode(NftValue.String("0x1"), 16, NftByteOrder.Big)));
    }

    [Theory]
    [InlineData("ipv4_addr", "10")]
    [InlineData("ipv4_addr", "localhost")]
    [InlineData("ipv4_addr", "fe80::1")]
    [InlineData("ifname", "eth*")]
    [InlineData("ether_type", "ipx")]
    [InlineData("inet_service", "http")]
    public void Encode_NotALiteralThisPathKnows_Unsupported(string type, string value) =>
        Assert.Throws<NftDirectUnsupportedException>(() => NftTypes.ByName(type).Encode(NftValue.String(value)));

    [Fact]
    public void Intervals_OverlappingAndAdjacent_MergedWithFirstSegmentAndNoEndAtTheTop()
    {
        var type = NftTypes.Ipv4Addr;
        var values = new[] { "10.1.0.0/16", "10.0.0.0/8", "11.0.0.0/8", "255.255.255.0/24" }
            .Select(p => NftIntervals.Bounds(type, 4, NftValue.Prefix(IpPrefix.Parse(p))));

        var elements = NftIntervals.Elements(values, merge: true, firstSegment: true);

        Assert.Equal(["00000000 end", "0a000000", "0c000000 end", "ffffff00"],
            elements.Select(e => Convert.ToHexStringLower(e.Key) + (e.IntervalEnd ? " end" : "")));
    }

    [Fact]
    public void Intervals_OverlapWithoutMerge_Unsupported()
    {
        var bounds = new[] { "10.0.0.0/8", "10.1.0.0/16" }.Select(p => NftIntervals.Bounds(NftTypes.Ipv4Addr, 4, NftValue.Prefix(IpPrefix.Parse(p))));

        Assert.Throws<NftDirectUnsupportedException>(() => NftIntervals.Elements(bounds, merge: false, firstSegment: true));
    }

    [Theory]
    [InlineData(0, 1u)]
    [InlineData(1, 9u)]
    [InlineData(4, 2u)]
    [InlineData(5, 13u)]
    public void Register_Word_NumberNftPutsOnTheWire(int word, uint register) => Assert.Equal(register, NftWireExpr.Register(word));

    [Fact]
    public void Finish_OneMessage_FramedByBatchBeginAndEndWithSequences()
    {
        var batch = new NftBatch();
        batch.BeginMessage(NftWire.Msg.NewChain, NftFamily.Bridge, 0x400, command: 3);
        batch.PutString(NftWire.Chain.Table, "t");
        batch.EndMessage();

        var bytes = batch.Finish(100).ToArray();

        Assert.Equal(0x10, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(100u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(10, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(18)));
        Assert.Equal(0x0a03, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(0x405, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(26)));  // request, create, ack (the last message)
        Assert.Equal(101u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28)));
        Assert.Equal(7, bytes[36]);
        var end = bytes.Length - 20;
        Assert.Equal(0x11, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(end + 4)));
        Assert.Equal(102u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 8)));
        Assert.Equal(3, batch.CommandOf(0));
    }
}
