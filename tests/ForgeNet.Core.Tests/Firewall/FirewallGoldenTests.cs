using ForgeNet.Core.Firewall;
using ForgeNet.Kernel.Nftables;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>The compiler's transactions, recorded by the fake backend and compared with golden dumps in nft syntax.</summary>
public class FirewallGoldenTests
{
    [Fact]
    public void Lifecycle_RebuildAddReplaceRemove_MatchesGolden()
    {
        var nft = new RecordingNftBackend();
        var web = Web(Parse(InternalWithRulesYaml));
        var db = Db(Parse(PeerOnlyYaml));
        var inputs = Inputs(web, db);
        nft.Apply(FirewallCompiler.Rebuild(Inputs(web)));
        nft.Apply(Tx(tx => FirewallCompiler.AddEndpoint(tx, db, inputs)));
        nft.Apply(Tx(tx => FirewallCompiler.ReplaceEndpoint(tx, web, Web(Internal), inputs)));
        nft.Apply(Tx(tx => FirewallCompiler.RemoveEndpoint(tx, db, inputs)));
        nft.Apply(FirewallCompiler.DeleteTables());
        GoldenFile.AssertMatches("lifecycle.nft", nft.GoldenDump());
        Assert.Empty(nft.ListTables());
    }

    [Fact]
    public void AddEndpoint_PrivateWithPortsAndPreset_MatchesGolden()
    {
        var nft = new RecordingNftBackend();
        var app = App(Parse(PrivateYaml));
        nft.Apply(FirewallCompiler.Rebuild(Inputs(Web())));
        nft.ClearRecording();
        nft.Apply(Tx(tx => FirewallCompiler.AddEndpoint(tx, app, Inputs(Web(), app))));
        GoldenFile.AssertMatches("private.nft", nft.GoldenDump());
    }

    [Fact]
    public void Rebuild_InternalIpv4OnlyNetwork_MatchesGolden()
    {
        var nft = new RecordingNftBackend();
        nft.Apply(FirewallCompiler.Rebuild(Inputs(Job())));
        GoldenFile.AssertMatches("internal-ipv4-only.nft", nft.GoldenDump());
    }

    [Fact]
    public void AntiSpoofingAndHygieneOff_OnlyThePolicyChains()
    {
        var policy = Parse("""
            version: 1
            mode: internal
            anti-spoofing: false
            ipv6-hygiene: false
            """);
        var c = FirewallCompiler.Compile(Web(policy), Inputs());
        Assert.DoesNotContain(c.Rules, r => r.Chain == "ep-fv0000000001-l2");
        Assert.Contains(c.Chains, ch => ch.Name == "ep-fv0000000001-l2");
    }

    [Fact]
    public void RemoveEndpoint_Absent_DoesNotFail()
    {
        var nft = new RecordingNftBackend();
        nft.Apply(FirewallCompiler.Rebuild(Inputs(Web())));
        var before = nft.ListTable(NftFamily.Inet, "forgenet")!.ToString();
        nft.Apply(Tx(tx => FirewallCompiler.RemoveEndpoint(tx, Db(), Inputs())));
        Assert.Equal(before, nft.ListTable(NftFamily.Inet, "forgenet")!.ToString().Replace("\tset peer4-db {\n\t\ttype ipv4_addr\n\t}\n\n", "").Replace("\tset peer6-db {\n\t\ttype ipv6_addr\n\t}\n\n", ""));
    }

    [Fact]
    public void AddEndpoint_TablesMissing_Fails()
    {
        // The engine falls back to a rebuild from the store when an incremental change meets no tables.
        var nft = new RecordingNftBackend();
        var e = Assert.Throws<NftablesException>(() => nft.Apply(Tx(tx => FirewallCompiler.AddEndpoint(tx, Web(), Inputs()))));
        Assert.True(e.IsNotFound);
    }

    [Fact]
    public void Rebuild_NoEndpoints_DeletesTables()
    {
        var nft = new RecordingNftBackend();
        nft.Apply(FirewallCompiler.Rebuild(Inputs(Web())));
        nft.Apply(FirewallCompiler.Rebuild(FirewallInputs.None));
        Assert.Empty(nft.ListTables());
    }

    internal static NftTransaction Tx(Action<NftTransaction> build)
    {
        var tx = new NftTransaction();
        build(tx);
        return tx;
    }
}
