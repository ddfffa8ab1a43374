using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>The nft-syntax rendering used for logs, <c>policy show</c> and golden dumps.</summary>
public sealed class NftTextTests
{
    [Fact]
    public void Format_GoldenConstructsTransaction_MatchesGoldenText() =>
        GoldenFile.AssertMatches("constructs-transaction.nft", GoldenConstructs.Build(new NftTable(NftFamily.Inet, "fnt-golden")).ToString());

    [Fact]
    public void Format_GoldenListing_MatchesGoldenText()
    {
        var state = NftJsonReader.ReadTableState(GoldenFile.Read("constructs.json"), NftFamily.Inet, "fnt-golden")!;

        GoldenFile.AssertMatches("constructs-listing.txt", state.ToString());
    }

    [Fact]
    public void ToString_Rule_GivesNftSyntax()
    {
        var rule = NftRule.In(new NftTable(NftFamily.Inet, "t"), "c")
            .CtState(NftCtState.New).IifName("veth0").DestinationPort(NftL4Proto.Udp, 53, 5353).Counter().Jump("ep1").Build();

        Assert.Equal("ct state new iifname \"veth0\" udp dport { 53, 5353 } counter jump ep1", rule.ToString());
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(30, "30s")]
    [InlineData(90, "1m30s")]
    [InlineData(86400 + 7200 + 5, "1d2h5s")]
    public void Duration_Seconds_FormatsAsNft(int seconds, string expected) =>
        Assert.Equal(expected, NftText.Duration(TimeSpan.FromSeconds(seconds)));
}
