using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Model;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Captured RTM_NEWQDISC dumps decoded to <see cref="QdiscInfo"/>, and parsed-then-written back unchanged.</summary>
public sealed class QdiscDecodingTests
{
    [Fact]
    public void TryDecode_DumpWithTraffic_ReadsKindsHandlesAndCounters()
    {
        var qdiscs = Decode(CapturedTc.QdiscDumpWithTraffic, index: 0);

        Assert.Equal(3, qdiscs.Count);
        var (tbf, ingress, ifb) = (qdiscs[0], qdiscs[1], qdiscs[2]);
        Assert.Equal((2, "tbf", 0x10000u, true), (tbf.Index, tbf.Kind, tbf.Handle, tbf.IsRoot));
        Assert.Equal(new QdiscStats(500, 8, 0, 0, 0, 0, 0), tbf.Stats);
        Assert.Equal((2, "ingress", 0xFFFF0000u, true), (ingress.Index, ingress.Kind, ingress.Handle, ingress.IsIngress));
        Assert.Equal(new QdiscStats(428, 7, 0, 0, 0, 0, 0), ingress.Stats);
        Assert.Null(ingress.TokenBucket);
        Assert.Equal((3, 526ul, 7ul), (ifb.Index, ifb.Stats!.Bytes, ifb.Stats.Packets));
    }

    [Fact]
    public void TryDecode_TokenBucket_GivesBackRateBurstAndLimit()
    {
        var tbf = Decode(CapturedTc.QdiscDumpWithTraffic, index: 2)[0].TokenBucket;

        // tc ... rate 20mbit burst 32kb latency 25ms: limit = 2,500,000 B/s × 25 ms + 32 KiB.
        Assert.Equal(new TokenBucketOptions(2_500_000, 32768) { LimitBytes = 95268, Handle = 0x10000 }, tbf);
    }

    [Fact]
    public void TryDecode_RateAbove32Bits_ReadsRate64()
    {
        var tbf = Decode(CapturedTc.QdiscDump, index: 4).Single().TokenBucket;

        // The kernel keeps the bucket in 64 ns ticks, 320 bytes each at 5 GB/s: 1 MiB comes back as 3276 ticks.
        Assert.Equal(new TokenBucketOptions(5_000_000_000, 1024 * 1024 - 256) { LimitBytes = 4 * 1024 * 1024 }, tbf);
    }

    [Fact]
    public void TryDecode_OtherLinks_AreFilteredOut()
    {
        var qdiscs = Decode(CapturedTc.QdiscDump, index: 3);

        Assert.Equal(["tbf", "ingress"], qdiscs.Select(q => q.Kind));
        Assert.All(qdiscs, q => Assert.Equal(3, q.Index));
        Assert.Equal(4, Decode(CapturedTc.QdiscDump, index: 0).Count);
    }

    [Fact]
    public void TryDecode_DefaultQdisc_HasNoTokenBucket()
    {
        var noqueue = Decode(CapturedTc.QdiscDump, index: 2).Single();

        Assert.Equal(("noqueue", 0u, true), (noqueue.Kind, noqueue.Handle, noqueue.IsRoot));
        Assert.Equal(new QdiscStats(0, 0, 0, 0, 0, 0, 0), noqueue.Stats);
        Assert.Null(noqueue.TokenBucket);
    }

    [Theory]
    [InlineData(19)]  // shorter than tcmsg
    [InlineData(24)]  // inside TCA_KIND
    [InlineData(40)]  // inside TCA_OPTIONS' TCA_TBF_PARMS
    public void TryDecode_TruncatedMessage_IsMalformed(int payloadLength)
    {
        var message = Messages.Split(Hex.Bytes(CapturedTc.QdiscDumpWithTraffic))[0];
        var cut = message[..(Nlm.HeaderLength + payloadLength)];
        new NetlinkHeader((uint)cut.Length, Tc.NewQdisc, Nlm.FMulti, 0, 0).Write(cut);

        var reader = new NetlinkMessageReader(cut);
        Assert.True(reader.TryRead(out var parsed));
        Assert.False(QdiscDecoder.TryDecode(parsed, 0, TcRequestTests.Clock, out _));
    }

    [Fact]
    public void TryDecode_TokenBucketWithoutParameters_IsMalformed()
    {
        // tcmsg + TCA_KIND "tbf" + an empty TCA_OPTIONS.
        var payload = Hex.Bytes("00000000" + "02000000" + "00000100" + "ffffffff" + "00000000" + "0800010074626600" + "08000200" + "04000100");
        var message = FakeTransport.Message(Tc.NewQdisc, Nlm.FMulti, 1, payload);

        var reader = new NetlinkMessageReader(message);
        Assert.True(reader.TryRead(out var parsed));
        Assert.False(QdiscDecoder.TryDecode(parsed, 0, TcRequestTests.Clock, out _));
    }

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(CapturedTc).GetFields()) data.Add(field.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void ParseThenWrite_CapturedTcMessage_GivesSameBytes(string capture)
    {
        var datagram = Hex.Bytes((string)typeof(CapturedTc).GetField(capture)!.GetValue(null)!);
        foreach (var bytes in Messages.Split(datagram))
        {
            Assert.True(RtMessage.TryParse(bytes, out var message), $"{capture} did not parse");
            Assert.Equal(Hex.Of(bytes), Hex.Of(message!.ToBytes()));
        }
    }

    [Fact]
    public void TryParse_QdiscReply_TypesKindAndNestsStats()
    {
        Assert.True(RtMessage.TryParse(Messages.Split(Hex.Bytes(CapturedTc.QdiscDumpWithTraffic))[0], out var message));

        Assert.Equal(Tc.TcMsgLength, message!.FamilyHeader.Length);
        Assert.Equal(new NlaString(Tc.Kind, "tbf", Terminated: true), message.Find(Tc.Kind));
        var stats = Assert.IsType<NlaNested>(message.Find(Tc.Stats2));
        Assert.Equal([Tc.StatsBasic, Tc.StatsQueue], stats.Children.Select(c => c.Type));
    }

    private static List<QdiscInfo> Decode(string capture, int index) =>
        Messages.DecodeAll<QdiscInfo>(Hex.Bytes(capture), (in NetlinkMessage m, out QdiscInfo? q) => QdiscDecoder.TryDecode(m, index, TcRequestTests.Clock, out q));
}
