using System.Net;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>The fake backend the layers above test against: nft's main semantics, a stable golden dump.</summary>
public sealed class RecordingNftBackendTests
{
    private static readonly NftTable T = new(NftFamily.Inet, "forgenet");

    private static NftTransaction Base() => new NftTransaction()
        .ReplaceTable(T)
        .AddChain(NftChain.Base(T, "forward", NftChainType.Filter, NftHook.Forward, NftPriority.Filter, NftChainPolicy.Drop))
        .AddChain(NftChain.Regular(T, "ep-web"))
        .AddSet(NftSet.VerdictMap(T, "dispatch", NftDataType.IfName))
        .AddSet(NftSet.Of(T, "web-allow4", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval })
        .AddRule(NftRule.In(T, "forward").CtState(NftCtState.Established | NftCtState.Related).Accept().Build())
        .AddRule(NftRule.In(T, "forward").VerdictMap(NftExpr.IifName, "dispatch").Build())
        .AddRule(NftRule.In(T, "ep-web").InSet(NftExpr.IpDaddr, "web-allow4").Counter().Accept().Build())
        .AddRule(NftRule.In(T, "ep-web").Counter().Drop().Build());

    [Fact]
    public void GoldenDump_TwoTransactions_MatchesGoldenFile()
    {
        var backend = new RecordingNftBackend();

        backend.Apply(Base());
        backend.Apply(new NftTransaction()
            .AddElements(T, "dispatch", new NftElement(NftValue.IfName("fv-web0"), NftVerdict.Jump("ep-web")))
            .AddElements(T, "web-allow4", NftValue.Prefix(IpPrefix.Parse("198.18.0.0/15")), NftValue.Address(IPAddress.Parse("10.0.0.53"))));

        GoldenFile.AssertMatches("recording.txt", backend.GoldenDump());
    }

    [Fact]
    public void ListTable_AfterApply_ShowsObjectsWithHandles()
    {
        var backend = new RecordingNftBackend();
        backend.Apply(Base());
        backend.Apply(new NftTransaction().AddElements(T, "web-allow4", NftValue.Address(IPAddress.Parse("10.0.0.53"))));

        var state = backend.ListTable(NftFamily.Inet, "forgenet")!;

        Assert.Equal(["forward", "ep-web"], state.Chains.Select(c => c.Name));
        Assert.Equal(2, state.RulesIn("ep-web").Count());
        Assert.All(state.Rules, r => Assert.NotNull(r.Handle));
        Assert.Single(state.Set("web-allow4")!.Elements);
        Assert.True(backend.TableExists(NftFamily.Inet, "forgenet"));
        Assert.False(backend.TableExists(NftFamily.Ip, "forgenet"));
    }

    [Fact]
    public void Apply_RuleJumpingToMissingChain_ThrowsNotFoundAndChangesNothing()
    {
        var backend = new RecordingNftBackend();
        backend.Apply(Base());
        var before = backend.ListTable(NftFamily.Inet, "forgenet")!.ToString();

        var e = Assert.Throws<NftablesException>(() => backend.Apply(new NftTransaction()
            .AddChain(NftChain.Regular(T, "ep-db"))
            .AddRule(NftRule.In(T, "forward").Jump("ep-missing").Build())));

        Assert.True(e.IsNotFound);
        Assert.Equal(before, backend.ListTable(NftFamily.Inet, "forgenet")!.ToString());
        Assert.Single(backend.Transactions);
    }

    [Fact]
    public void Apply_ReplaceTableTwice_SameStateAsOnce()
    {
        var once = new RecordingNftBackend();
        once.Apply(Base());
        var twice = new RecordingNftBackend();
        twice.Apply(Base());
        twice.Apply(Base());

        Assert.Equal(once.ListTable(NftFamily.Inet, "forgenet")!.ToString(), twice.ListTable(NftFamily.Inet, "forgenet")!.ToString());
    }

    [Fact]
    public void Apply_DeleteRuleByHandle_RemovesOnlyThatRule()
    {
        var backend = new RecordingNftBackend();
        backend.Apply(Base());
        var drop = backend.ListTable(NftFamily.Inet, "forgenet")!.RulesIn("ep-web").Last();

        backend.Apply(new NftTransaction().DeleteRule(T, "ep-web", drop.Handle!.Value));

        Assert.Single(backend.ListTable(NftFamily.Inet, "forgenet")!.RulesIn("ep-web"));
    }

    [Fact]
    public void Apply_DeleteTableIfExists_MissingTableIsNoError()
    {
        var backend = new RecordingNftBackend();

        backend.Apply(new NftTransaction().DeleteTableIfExists(T));

        Assert.Empty(backend.ListTables());
    }

    [Fact]
    public void Apply_DeleteMissingElement_ThrowsNotFound()
    {
        var backend = new RecordingNftBackend();
        backend.Apply(Base());

        var e = Assert.Throws<NftablesException>(() =>
            backend.Apply(new NftTransaction().DeleteElements(T, "web-allow4", NftValue.Address(IPAddress.Parse("10.9.9.9")))));

        Assert.True(e.IsNotFound);
    }

    [Fact]
    public void FailNextApply_NextApply_ThrowsOnceAndRecordsNothing()
    {
        var backend = new RecordingNftBackend();
        backend.FailNextApply();

        Assert.Throws<NftablesException>(() => backend.Apply(Base()));
        backend.Apply(Base());

        Assert.Single(backend.Transactions);
    }

    [Fact]
    public void Apply_VerdictMapElementJumpingToMissingChain_ThrowsNotFound()
    {
        var backend = new RecordingNftBackend();
        backend.Apply(Base());

        var e = Assert.Throws<NftablesException>(() => backend.Apply(new NftTransaction()
            .AddElements(T, "dispatch", new NftElement(NftValue.IfName("fv-x"), NftVerdict.Jump("ep-missing")))));

        Assert.True(e.IsNotFound);
    }
}
