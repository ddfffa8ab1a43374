using System.Net;
using System.Text.Json.Nodes;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>The real backend against the kernel, each test in a throwaway network namespace of its own.</summary>
public sealed class NftablesBackendTests
{
    private static NftTable NewTable() => new(NftFamily.Inet, TestNames.Unique());

    private static NftTransaction Small(NftTable t) => new NftTransaction()
        .ReplaceTable(t)
        .AddChain(NftChain.Base(t, "input", NftChainType.Filter, NftHook.Input, NftPriority.Filter))
        .AddChain(NftChain.Regular(t, "ep"))
        .AddRule(NftRule.In(t, "input").Jump("ep").Build())
        .AddRule(NftRule.In(t, "ep").DestinationPort(NftL4Proto.Tcp, 22).Counter().Accept().Build());

    private static void AssertListsGolden(NftablesBackend backend, NftTable table)
    {
        var listed = GoldenJson.Listing(backend.Context.RunJson(NftJsonWriter.ListTableCommand(table)), renameTable: "fnt-golden");
        var golden = GoldenJson.Listing(GoldenFile.Read("constructs.json"));
        Assert.Equal(golden.Keys.Order(), listed.Keys.Order());
        Assert.All(golden.Keys, id => Assert.True(JsonNode.DeepEquals(golden[id], listed[id]), $"{id}: {listed[id].ToJsonString()}"));
    }

    [PrivilegedFact]
    public void Apply_GoldenConstructs_KernelListsTheGolden()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var table = NewTable();

        backend.Apply(GoldenConstructs.Build(table));

        AssertListsGolden(backend, table);
    }

    [PrivilegedFact]
    public void ListTable_GoldenConstructs_ReadsBackTheModel()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var table = NewTable();
        backend.Apply(GoldenConstructs.Build(table));

        var state = backend.ListTable(table.Family, table.Name)!;

        Assert.Equal(table, state.Table);
        Assert.Equal(GoldenConstructs.Chains(table).Select(c => c.Name), state.Chains.Select(c => c.Name));
        Assert.Equal(GoldenConstructs.Rules(table).Select(r => r.ToString()), state.Rules.Select(r => r.ToString()));
        Assert.Equal(2, state.Set("allow4")!.Elements.Count);
        Assert.True(backend.TableExists(table.Family, table.Name));
    }

    [PrivilegedFact]
    public void Apply_BadBatch_RejectedWholeAndOldRulesetKept()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = NewTable();
        backend.Apply(Small(t));
        var before = backend.ListTable(t.Family, t.Name)!.ToString();

        var e = Assert.Throws<NftablesException>(() => backend.Apply(new NftTransaction()
            .AddChain(NftChain.Regular(t, "ep2"))
            .AddRule(NftRule.In(t, "ep").DestinationPort(NftL4Proto.Tcp, 80).Accept().Build())
            .AddRule(NftRule.In(t, "input").Jump("missing").Build())));

        Assert.True(e.IsNotFound, e.Message);
        Assert.Contains("apply nftables transaction of 3 commands", e.Message);
        var after = backend.ListTable(t.Family, t.Name)!;
        Assert.Equal(before, after.ToString());
        Assert.Null(after.Chain("ep2"));
    }

    [PrivilegedFact]
    public void ReplaceTable_AppliedTwice_SameRulesetBothTimes()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var table = NewTable();

        backend.Apply(GoldenConstructs.Build(table));
        backend.Apply(GoldenConstructs.Build(table));

        AssertListsGolden(backend, table);
    }

    [PrivilegedFact]
    public void DeleteTableIfExists_OtherTablesInNamespace_Untouched()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var ours = NewTable();
        var other = TestNames.Unique();
        // Someone else's tables: another name, and our name in another family.
        backend.Context.RunText($"add table ip {other}\nadd chain ip {other} c {{ type filter hook input priority 0; }}\nadd rule ip {other} c counter accept\nadd table ip6 {ours.Name}\n");
        backend.Apply(Small(ours));

        backend.Apply(new NftTransaction().DeleteTableIfExists(ours));
        backend.Apply(new NftTransaction().DeleteTableIfExists(ours));

        Assert.Null(backend.ListTable(ours.Family, ours.Name));
        Assert.Equal([new NftTable(NftFamily.Ip, other), new NftTable(NftFamily.Ip6, ours.Name)], backend.ListTables());
        Assert.Single(backend.ListTable(NftFamily.Ip, other)!.RulesIn("c"));
    }

    [PrivilegedFact]
    public void CreateIn_TwoNamespaces_EachContextManagesOnlyItsOwn()
    {
        using var ns1 = new TestNetns();
        using var ns2 = new TestNetns();
        using var backend1 = NftablesBackend.OpenIn(ns1.Run);
        using var backend2 = NftablesBackend.OpenIn(ns2.Run);
        var t = NewTable();

        backend1.Apply(Small(t));

        Assert.True(backend1.TableExists(t.Family, t.Name));
        Assert.False(backend2.TableExists(t.Family, t.Name));
        Assert.Contains($"table inet {t.Name}", ns1.Exec("nft", "list", "tables"));
        Assert.DoesNotContain(t.Name, ns2.Exec("nft", "list", "tables"));
    }

    [PrivilegedFact]
    public void RunText_RenderedTransaction_BuildsTheSameRulesetAsJson()
    {
        using var ns1 = new TestNetns();
        using var ns2 = new TestNetns();
        using var viaJson = NftablesBackend.OpenIn(ns1.Run);
        using var viaText = NftablesBackend.OpenIn(ns2.Run);
        var table = NewTable();
        var tx = GoldenConstructs.Build(table);

        viaJson.Apply(tx);
        viaText.Context.RunText(tx.ToString());

        var a = GoldenJson.Listing(viaJson.Context.RunJson(NftJsonWriter.ListTableCommand(table)));
        var b = GoldenJson.Listing(viaText.Context.RunJson(NftJsonWriter.ListTableCommand(table)));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a.Keys, id => Assert.True(JsonNode.DeepEquals(a[id], b[id]), id));
    }

    [PrivilegedFact]
    public void Elements_AddWithTimeoutAndDelete_ReadBack()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = NewTable();
        backend.Apply(new NftTransaction().ReplaceTable(t)
            .AddSet(NftSet.Of(t, "allow", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval })
            .AddSet(NftSet.Of(t, "seen", NftDataType.Ipv4Addr, NftDataType.InetService) with { Flags = NftSetFlags.Timeout, Timeout = TimeSpan.FromMinutes(5) }));

        backend.Apply(new NftTransaction()
            .AddElements(t, "allow", NftValue.Prefix(IpPrefix.Parse("198.18.0.0/15")), NftValue.Address(IPAddress.Parse("10.0.0.53")))
            .AddElements(t, "seen", new NftElement(NftValue.Concat(NftValue.Address(IPAddress.Parse("10.0.0.1")), NftValue.Port(53))) { Timeout = TimeSpan.FromSeconds(60) }));
        backend.Apply(new NftTransaction().DeleteElements(t, "allow", NftValue.Address(IPAddress.Parse("10.0.0.53"))));

        var state = backend.ListTable(t.Family, t.Name)!;
        Assert.Equal("198.18.0.0/15", Assert.Single(state.Set("allow")!.Elements).Key.ToString());
        var seen = Assert.Single(state.Set("seen")!.Elements);
        Assert.Equal("10.0.0.1 . 53", seen.Key.ToString());
        Assert.Equal(TimeSpan.FromSeconds(60), seen.Timeout);
        Assert.InRange(seen.Expires!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [PrivilegedFact]
    public void DeleteTable_Missing_ThrowsNotFoundWithNftText()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);

        var e = Assert.Throws<NftablesException>(() => backend.Apply(new NftTransaction().DeleteTable(NewTable())));

        Assert.True(e.IsNotFound);
        Assert.Contains("No such file or directory", e.NftError);
        Assert.Null(backend.ListTable(NftFamily.Inet, "fnt-none"));
    }

    [PrivilegedFact]
    public void RunText_SyntaxError_ThrowsWithNftMessageAndCommand()
    {
        using var ns = new TestNetns();
        using var context = NftContext.CreateIn(ns.Run);

        var e = Assert.Throws<NftablesException>(() => context.RunText("add tabel inet x"));

        Assert.Contains("syntax error", e.NftError);
        Assert.Equal("add tabel inet x", e.Command);
    }

    [PrivilegedFact]
    public void ReleaseContext_AfterAListing_FreedAndMadeAgainInTheSameNamespace()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var table = NewTable();
        backend.Apply(GoldenConstructs.Build(table));
        Assert.NotNull(backend.ListTable(table.Family, table.Name));

        Assert.True(backend.ReleaseContext());
        Assert.False(backend.ReleaseContext());

        // The next read makes a context again, inside the test's namespace (the table is not in the caller's).
        Assert.NotNull(backend.ListTable(table.Family, table.Name));
        Assert.Contains(table, backend.ListTables());
    }

    [PrivilegedFact]
    public void ReleaseContext_GivenContext_KeptBecauseItCannotBeMadeAgain()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run, new NftablesBackendOptions { DirectNetlink = false });
        var table = NewTable();
        backend.Apply(GoldenConstructs.Build(table));

        Assert.False(backend.ReleaseContext());
        Assert.NotNull(backend.ListTable(table.Family, table.Name));
    }
}
