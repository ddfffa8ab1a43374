using System.Net;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>When the backend takes the direct path, when it hands a transaction to libnftables, and how errors come back.</summary>
public sealed class NftDirectBehaviourTests
{
    private static NftValue A(string address) => NftValue.Address(IPAddress.Parse(address));

    private static NftTransaction Base(NftTable t) => new NftTransaction().ReplaceTable(t)
        .AddChain(NftChain.Regular(t, "c"))
        .AddSet(NftSet.VerdictMap(t, "dispatch", NftDataType.IfName))
        .AddSet(NftSet.Of(t, "s", NftDataType.Ipv4Addr))
        .AddSet(NftSet.Of(t, "ranges", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval });

    [PrivilegedFact]
    public void Apply_UnsupportedStatement_GoesThroughLibnftablesAndSucceeds()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(Base(t));
        var before = backend.Counts;

        backend.Apply(new NftTransaction().AddRule(NftRule.In(t, "c").Limit(10, NftTimeUnit.Second).Accept().Build()));

        Assert.Equal(before.Libnftables + 1, backend.Counts.Libnftables);
        Assert.Equal(before.Direct, backend.Counts.Direct);
        Assert.Contains("statement", backend.Counts.LastFallbackReason);
        Assert.Single(backend.ListTable(t.Family, t.Name)!.RulesIn("c"));
    }

    [PrivilegedFact]
    public void Apply_IntervalElementsIntoASetThatMayHoldSome_GoesThroughLibnftables()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(Base(t).AddElements(t, "ranges", NftValue.Prefix(IpPrefix.Parse("10.0.0.0/8"))));
        var direct = backend.Counts.Direct;

        backend.Apply(new NftTransaction().AddElements(t, "ranges", NftValue.Prefix(IpPrefix.Parse("192.168.0.0/16"))));

        Assert.Equal(direct, backend.Counts.Direct);
        Assert.Equal(2, backend.ListTable(t.Family, t.Name)!.Set("ranges")!.Elements.Count);
    }

    [PrivilegedFact]
    public void Apply_IntervalElementsTheSetAlreadyHolds_GoDirectAndChangeNothing()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        NftElement[] held = [NftValue.Prefix(IpPrefix.Parse("10.0.0.0/8")), NftValue.Prefix(IpPrefix.Parse("192.168.0.0/16"))];
        backend.Apply(Base(t).AddElements(t, "ranges", held));
        var before = backend.Counts;

        // As an endpoint's incremental change does: its network's subnet again, and a shared set declared again with its elements.
        backend.Apply(new NftTransaction().AddElements(t, "ranges", held[1]));
        backend.Apply(new NftTransaction().AddSet(NftSet.Of(t, "ranges", NftDataType.Ipv4Addr) with
        {
            Flags = NftSetFlags.Interval,
            Elements = held,
        }));

        Assert.Equal(before.Direct + 2, backend.Counts.Direct);
        Assert.Equal(before.Libnftables, backend.Counts.Libnftables);
        Assert.Equal(2, backend.ListTable(t.Family, t.Name)!.Set("ranges")!.Elements.Count);
    }

    [PrivilegedFact]
    public void Apply_IntervalHeldAndOneNew_GoesThroughLibnftables()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(Base(t).AddElements(t, "ranges", NftValue.Prefix(IpPrefix.Parse("10.0.0.0/8"))));
        var before = backend.Counts;

        backend.Apply(new NftTransaction().AddElements(t, "ranges",
            NftValue.Prefix(IpPrefix.Parse("10.0.0.0/8")), NftValue.Prefix(IpPrefix.Parse("172.16.0.0/12"))));

        Assert.Equal(before.Direct, backend.Counts.Direct);
        Assert.Equal(before.Libnftables + 1, backend.Counts.Libnftables);
        Assert.Equal(2, backend.ListTable(t.Family, t.Name)!.Set("ranges")!.Elements.Count);
    }

    [PrivilegedFact]
    public void Apply_SetsDeclaredElsewhere_TypesReadFromTheKernel()
    {
        using var ns = new TestNetns();
        using var setup = NftablesBackend.OpenIn(ns.Run, new NftablesBackendOptions { DirectNetlink = false });
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        setup.Apply(Base(t));

        backend.Apply(new NftTransaction().AddElements(t, "dispatch", new NftElement(NftValue.IfName("veth0"), NftVerdict.Goto("c")))
            .AddElements(t, "s", A("10.0.0.1")));

        Assert.Equal(1, backend.Counts.Direct);
        var state = backend.ListTable(t.Family, t.Name)!;
        Assert.Single(state.Set("dispatch")!.Elements);
        Assert.Single(state.Set("s")!.Elements);
    }

    [PrivilegedFact]
    public void Apply_SetRetypedByALibnftablesTransaction_NextDirectOneUsesTheNewType()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(Base(t).AddElements(t, "s", A("10.0.0.1")));
        // A limit keeps this one on libnftables; it makes "s" a set of interface names.
        backend.Apply(new NftTransaction().DeleteSet(t, "s").AddSet(NftSet.Of(t, "s", NftDataType.IfName))
            .AddRule(NftRule.In(t, "c").Limit(1, NftTimeUnit.Second).Accept().Build()));
        var direct = backend.Counts.Direct;

        backend.Apply(new NftTransaction().AddElements(t, "s", NftValue.IfName("veth7")));

        Assert.Equal(direct + 1, backend.Counts.Direct);
        Assert.Equal("\"veth7\"", backend.ListTable(t.Family, t.Name)!.Set("s")!.Elements.Single().Key.ToString());
    }

    [PrivilegedFact]
    public void Apply_ElementJumpsToMissingChain_NotFoundNamingTheCommandAndNothingApplied()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Bridge, TestNames.Unique());
        backend.Apply(Base(t));

        var e = Assert.Throws<NftablesException>(() => backend.Apply(new NftTransaction()
            .AddChain(NftChain.Regular(t, "new"))
            .AddElements(t, "s", A("10.0.0.3"))
            .AddElements(t, "dispatch", new NftElement(NftValue.IfName("veth0"), NftVerdict.Goto("missing")))));

        Assert.True(e.IsNotFound, e.Message);
        Assert.Contains("apply nftables transaction of 3 commands", e.Message);
        Assert.Contains("dispatch", e.NftError);
        var state = backend.ListTable(t.Family, t.Name)!;
        Assert.Null(state.Chain("new"));
        Assert.Empty(state.Set("s")!.Elements);
    }

    [PrivilegedFact]
    public void Apply_JumpMakesAChainReachableFromAHookItsRulesCannotRun_RejectedAndTheNextBatchWorks()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(Base(t));

        // Masquerade only runs in nat chains: the kernel rejects the jump that would make "c" reachable from input.
        var e = Assert.Throws<NftablesException>(() => backend.Apply(new NftTransaction()
            .AddChain(NftChain.Base(t, "input", NftChainType.Filter, NftHook.Input, NftPriority.Filter))
            .AddRule(NftRule.In(t, "c").Masquerade().Build())
            .AddRule(NftRule.In(t, "input").Jump("c").Build())));

        Assert.Contains("input jump c", e.NftError);
        Assert.Equal(ForgeNet.Kernel.Interop.Errno.EOPNOTSUPP, e.Errno);
        Assert.Null(backend.ListTable(t.Family, t.Name)!.Chain("input"));
        backend.Apply(new NftTransaction().AddElements(t, "s", A("10.0.0.4")));
        Assert.Single(backend.ListTable(t.Family, t.Name)!.Set("s")!.Elements);
        Assert.Equal(0, backend.Counts.Libnftables);
    }

    [PrivilegedFact]
    public void Apply_DeleteMissingElement_NotFound()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(Base(t));

        var e = Assert.Throws<NftablesException>(() => backend.Apply(new NftTransaction().DeleteElements(t, "s", A("10.0.0.1"))));

        Assert.True(e.IsNotFound, e.Message);
        Assert.Equal(0, backend.Counts.Libnftables);
    }

    [PrivilegedFact]
    public void Apply_ThousandsOfElements_SplitOverMessagesOrHandedToLibnftables()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(Base(t));
        NftElement[] Addresses(int from, int count) =>
            [.. Enumerable.Range(from, count).Select(i => new NftElement(A($"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}")))];

        backend.Apply(new NftTransaction().AddElements(t, "s", Addresses(0, 1000)));
        Assert.Equal(2, backend.Counts.Direct);
        backend.Apply(new NftTransaction().AddElements(t, "s", Addresses(1000, 20_000)));
        Assert.Equal(2, backend.Counts.Direct);

        Assert.Equal(21_000, backend.ListTable(t.Family, t.Name)!.Set("s")!.Elements.Count);
    }

    [PrivilegedFact]
    public void Open_DirectNetlinkOff_EverythingThroughLibnftables()
    {
        using var ns = new TestNetns();
        using var backend = NftablesBackend.OpenIn(ns.Run, new NftablesBackendOptions { DirectNetlink = false });
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());

        backend.Apply(Base(t));
        backend.Apply(new NftTransaction().AddElements(t, "s", A("10.0.0.1")));

        Assert.Equal(new NftApplyCounts(0, 2, null), backend.Counts);
    }
}
