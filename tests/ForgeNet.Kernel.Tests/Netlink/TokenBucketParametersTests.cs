using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>TBF options to tc_tbf_qopt numbers, and what is refused before any request is sent.</summary>
public sealed class TokenBucketParametersTests
{
    [Fact]
    public void From_NoLatencyOrLimit_Uses25MillisecondsLikeCni()
    {
        var parameters = TokenBucketParameters.From(new TokenBucketOptions(2_500_000, 32768), TcRequestTests.Clock);

        Assert.Equal(new TokenBucketParameters(2_500_000, 2_500_000, 32768, 62_500 + 32768, 204_796), parameters);
    }

    [Fact]
    public void From_RateAbove32Bits_CapsThe32BitField()
    {
        var parameters = TokenBucketParameters.From(new TokenBucketOptions(5_000_000_000, 1 << 20) { LimitBytes = 1 << 22 }, TcRequestTests.Clock);

        Assert.Equal((5_000_000_000ul, uint.MaxValue, 1u << 22), (parameters.Rate, parameters.Rate32, parameters.Limit));
    }

    public static TheoryData<TokenBucketOptions> Invalid() => new()
    {
        new TokenBucketOptions(0, 32768),
        new TokenBucketOptions(2_500_000, 0),
        new TokenBucketOptions(2_500_000, 32768) { Latency = TimeSpan.FromMilliseconds(25), LimitBytes = 100_000 },
        new TokenBucketOptions(2_500_000, 32768) { LimitBytes = 0 },
        new TokenBucketOptions(2_500_000, 32768) { Latency = TimeSpan.FromMilliseconds(-1) },
        new TokenBucketOptions(1, uint.MaxValue),                                        // the bucket lasts longer than 32-bit ticks
        new TokenBucketOptions(10_000_000_000, 32768) { Latency = TimeSpan.FromSeconds(1) }, // the limit overflows 32 bits
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void From_InvalidOptions_ThrowsArgumentException(TokenBucketOptions options) =>
        Assert.ThrowsAny<ArgumentException>(() => TokenBucketParameters.From(options, TcRequestTests.Clock));
}
