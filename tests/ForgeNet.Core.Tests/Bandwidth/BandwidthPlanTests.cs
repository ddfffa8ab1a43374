using ForgeNet.Core.Drivers;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core.Tests.Bandwidth;

public class BandwidthPlanTests
{
    [Theory]
    [InlineData("fv0123456789", "fvi0123456789")]
    [InlineData("fvabcdefabcd", "fviabcdefabcd")]
    public void IfbName_GeneratedVeth_FviAndTheSameDigits(string veth, string ifb) =>
        Assert.Equal(ifb, BandwidthPlan.IfbName(veth));

    [Theory]
    [InlineData("eth0")]
    [InlineData("fv0123")]
    [InlineData("fvi0123456789")]
    [InlineData("FV0123456789")]
    public void IfbName_OtherName_HashedWithinIfnamsizAndNeverAVethName(string hostInterface)
    {
        var ifb = BandwidthPlan.IfbName(hostInterface);
        Assert.Matches(@"^fvi[0-9a-f]{10}\z", ifb);
        Assert.NotEqual(BandwidthPlan.IfbName("fv0123456789"), ifb);
        Assert.Equal(ifb, BandwidthPlan.IfbName(hostInterface));
    }

    [Fact]
    public void IfbName_DistinctVeths_DistinctIfbs() =>
        Assert.NotEqual(BandwidthPlan.IfbName("fv0123456789"), BandwidthPlan.IfbName("fv012345678a"));

    [Fact]
    public void ToTokenBucket_TwentyMbitDefaultBurst_BytesAndCniLatency()
    {
        var bucket = BandwidthPlan.ToTokenBucket(new BandwidthLimit(20_000_000), 1500);
        Assert.Equal(2_500_000UL, bucket.RateBytesPerSecond);
        Assert.Equal(250_000U, bucket.BurstBytes); // a tenth of a second
        Assert.Equal(TimeSpan.FromMilliseconds(25), bucket.Latency);
        Assert.Null(bucket.LimitBytes);
    }

    [Fact]
    public void ToTokenBucket_ExplicitBurst_RoundedUpToWholeBytes()
    {
        var bucket = BandwidthPlan.ToTokenBucket(new BandwidthLimit(10_000_000, 1_000_001), 1500);
        Assert.Equal(1_250_000UL, bucket.RateBytesPerSecond);
        Assert.Equal(125_001U, bucket.BurstBytes);
    }

    [Theory]
    [InlineData(1500, 1514U)]
    [InlineData(9000, 9014U)]
    public void ToTokenBucket_BurstBelowOneFrame_RaisedToMtuPlusEthernetHeader(int mtu, uint burst) =>
        Assert.Equal(burst, BandwidthPlan.ToTokenBucket(new BandwidthLimit(100_000_000, BandwidthLimit.MinimumBurstBits), mtu).BurstBytes);

    [Fact]
    public void ToTokenBucket_SlowRate_WholeBytesOrRefusedWhenAFrameTakesTooLong()
    {
        // 100 bit/s is 12 bytes/s: one 1514-byte frame refills in 126 s, within the kernel's 32-bit ticks.
        Assert.Equal(12UL, BandwidthPlan.ToTokenBucket(new BandwidthLimit(100, 12_000), 1500).RateBytesPerSecond);
        var e = Assert.Throws<ForgeException>(() => BandwidthPlan.ToTokenBucket(new BandwidthLimit(7), 1500));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("raise the rate", e.Message);
    }

    [Fact]
    public void ToTokenBucket_HugeBurst_Refused()
    {
        var e = Assert.Throws<ForgeException>(() => BandwidthPlan.ToTokenBucket(new BandwidthLimit(1_000_000_000_000, 40_000_000_000), 1500));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.StartsWith("limits.bandwidth: a burst of 40gbit", e.Message);
    }

    [Fact]
    public void ToTokenBucket_QueueBeyond32Bits_Refused()
    {
        // 1tbit is 125 GB/s: 25 ms of it plus a 4 GB burst overflows the kernel's queue limit.
        var e = Assert.Throws<ForgeException>(() => BandwidthPlan.ToTokenBucket(new BandwidthLimit(1_000_000_000_000, 32_000_000_000), 1500));
        Assert.Contains("lower the burst", e.Message);
    }

    [Fact]
    public void Describe_KernelBucket_RateInBitsBurstInBytes() =>
        Assert.Equal("20mbit, burst 249984 bytes", BandwidthPlan.Describe(new TokenBucketOptions(2_500_000, 249_984)));
}
