using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>The scheduler clock and tc_core's arithmetic on it.</summary>
public sealed class PschedClockTests
{
    [Fact]
    public void TryParse_ProcText_Gives64NanosecondTicks()
    {
        Assert.True(PschedClock.TryParse("000003e8 00000040 000f4240 3b9aca00\n", out var clock));

        Assert.Equal(15.625, clock!.TicksPerMicrosecond);
    }

    [Fact]
    public void Constructor_NanosecondClockResolution_IgnoresLegacyMultiplier()
    {
        // tc_core_init: with clock_res 1e9 the advertised t2us is a compatibility value and us2t is used instead.
        var clock = new PschedClock(1000, 64, 1_000_000_000);

        Assert.Equal(1000.0, clock.TicksPerMicrosecond);
    }

    [Theory]
    [InlineData("")]
    [InlineData("000003e8 00000040")]
    [InlineData("000003e8 zz 000f4240")]
    [InlineData("00000000 00000040 000f4240")]
    public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(PschedClock.TryParse(text, out _));

    [Fact]
    public void System_ReadsTheRunningKernel()
    {
        Assert.True(PschedClock.TryParse(File.ReadAllText("/proc/net/psched"), out var expected));

        Assert.Equal(expected!.TicksPerMicrosecond, PschedClock.System.TicksPerMicrosecond);
    }

    [Fact]
    public void TransmitTime_TruncatesLikeTc()
    {
        // 8 bytes at 2.5 MB/s: 3.2 µs truncated to 3, times 15.625 truncated to 46 (the first slot of tc's rate table).
        Assert.Equal(46u, TcRequestTests.Clock.TransmitTime(2_500_000, 8));
        Assert.Equal(204_796u, TcRequestTests.Clock.TransmitTime(2_500_000, 32768));
    }

    [Fact]
    public void TransmitSize_KernelTicks_GivesBytesBack() =>
        // The kernel reports a 32 KiB bucket at 2.5 MB/s as 204800 ticks (13.1072 ms).
        Assert.Equal(32768ul, TcRequestTests.Clock.TransmitSize(2_500_000, 204_800));
}
