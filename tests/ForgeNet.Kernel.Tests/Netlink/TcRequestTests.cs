using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Traffic-control requests built by the writer, byte for byte against what `tc` sent (see <see cref="CapturedTc"/>).</summary>
public sealed class TcRequestTests
{
    /// <summary>The clock the captures were taken with (/proc/net/psched of Linux 6.18).</summary>
    internal static readonly PschedClock Clock = new(0x3e8, 0x40, 0xf4240);

    [Fact]
    public void TokenBucket_RateBurstLatency_MatchesTc()
    {
        var options = new TokenBucketOptions(20_000_000 / 8, 32 * 1024) { Latency = TimeSpan.FromMilliseconds(25) };
        var parameters = TokenBucketParameters.From(options, Clock);

        var built = QdiscRequest.TokenBucket(new NetlinkBuffer(), 3, options.Handle, parameters, Clock);

        Hex.AssertSameMessage(CapturedTc.TokenBucket20Mbit, built);
    }

    [Fact]
    public void TokenBucket_RateAbove32BitsAndLimit_MatchesTcWithRate64()
    {
        var options = new TokenBucketOptions(40_000_000_000 / 8, 1024 * 1024) { LimitBytes = 4 * 1024 * 1024 };
        var parameters = TokenBucketParameters.From(options, Clock);

        var built = QdiscRequest.TokenBucket(new NetlinkBuffer(), 4, options.Handle, parameters, Clock);

        Hex.AssertSameMessage(CapturedTc.TokenBucket40Gbit, built);
    }

    [Fact]
    public void Ingress_Exclusive_MatchesTcAdd() =>
        Hex.AssertSameMessage(CapturedTc.AddIngress, QdiscRequest.Ingress(new NetlinkBuffer(), 3, exclusive: true));

    [Fact]
    public void Ingress_NotExclusive_DiffersOnlyInReplaceFlag()
    {
        var add = QdiscRequest.Ingress(new NetlinkBuffer(), 3, exclusive: true).ToArray();
        var replace = QdiscRequest.Ingress(new NetlinkBuffer(), 3, exclusive: false).ToArray();

        Assert.Equal(Nlm.FRequest | Nlm.FAck | Nlm.FCreate | Nlm.FReplace, HostOrder.ReadUInt16(replace.AsSpan(6)));
        Assert.Equal(add[8..], replace[8..]);
    }

    [Fact]
    public void RedirectIngress_ToIfb_MatchesTcU32Mirred() =>
        Hex.AssertSameMessage(CapturedTc.RedirectIngress, FilterRequest.RedirectIngress(new NetlinkBuffer(), 3, 4));

    [Fact]
    public void RedirectIngress_OnClsact_DiffersOnlyInParent()
    {
        var ingress = FilterRequest.RedirectIngress(new NetlinkBuffer(), 3, 4).ToArray();
        var clsact = FilterRequest.RedirectIngress(new NetlinkBuffer(), 3, 4, Tc.HandleClsactIngress).ToArray();

        Assert.Equal(Tc.HandleClsactIngress, HostOrder.ReadUInt32(clsact.AsSpan(Nlm.HeaderLength + 12)));
        clsact.AsSpan(Nlm.HeaderLength + 12, 4).Fill(0);
        ingress.AsSpan(Nlm.HeaderLength + 12, 4).Fill(0);
        Assert.Equal(ingress, clsact);
    }

    [Fact]
    public void Delete_Root_MatchesTc() =>
        Hex.AssertSameMessage(CapturedTc.DeleteRoot, QdiscRequest.Delete(new NetlinkBuffer(), 3, Tc.HandleRoot));

    [Fact]
    public void Delete_Ingress_MatchesTcDelParent() =>
        Hex.AssertSameMessage(CapturedTc.DeleteIngress, QdiscRequest.Delete(new NetlinkBuffer(), 2, Tc.HandleIngress));

    [Fact]
    public void Dump_OneLink_MatchesTcShow() =>
        Hex.AssertSameMessage(CapturedTc.DumpQdiscs, QdiscRequest.Dump(new NetlinkBuffer(), 3));

    [Fact]
    public void CreateKind_Ifb_MatchesIp()
    {
        var built = LinkRequest.CreateKind(new NetlinkBuffer(), "ifb", new LinkAttributes("fnifb0"), up: false, echo: false);
        Hex.AssertSameMessage(CapturedTc.CreateIfb, built);
    }
}
