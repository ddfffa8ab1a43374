using ForgeNet.Core.Firewall;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>The compiler's transactions against the real nft 1.0.6 and kernel, in a namespace of the test's own.</summary>
public class FirewallKernelTests
{
    private static FirewallEndpoint[] Sample() => [Web(Parse(InternalWithRulesYaml)), Db(Parse(PeerOnlyYaml)), Job(), App(Parse(PrivateYaml))];

    [PrivilegedFact]
    public void Rebuild_SampleEndpoints_KernelAcceptsAndNothingIsMissing()
    {
        using var host = new ThrowawayNftHost();
        var inputs = Inputs(Sample());
        var rebuild = FirewallCompiler.Rebuild(inputs);
        host.Backend.Apply(rebuild);
        var manager = new FirewallManager(() => host.Backend);
        Assert.Empty(manager.FindDamage(rebuild));
        Assert.Contains("ep-fv0000000001-eg", host.Ruleset());
    }

    [PrivilegedFact]
    public void AddEndpoint_Twice_SameRulesetAsOnce()
    {
        using var host = new ThrowawayNftHost();
        var endpoints = Sample();
        host.Backend.Apply(FirewallCompiler.Rebuild(Inputs(endpoints[0])));
        var add = new NftTransaction();
        FirewallCompiler.AddEndpoint(add, endpoints[1], Inputs(endpoints));
        FirewallCompiler.AddEndpoint(add, endpoints[3], Inputs(endpoints));
        host.Backend.Apply(add);
        Assert.Contains(host.Backend.ListTable(NftFamily.Inet, "forgenet")!.Sets, s => s.Name.StartsWith("ep-fv0000000004-in-4-", StringComparison.Ordinal));
        var once = host.Ruleset();
        host.Backend.Apply(add);
        Assert.Equal(once, host.Ruleset());
    }

    [PrivilegedFact]
    public void RemoveEndpoint_AfterAdd_LeavesTheRulesetOfTheOthers()
    {
        using var host = new ThrowawayNftHost();
        var endpoints = Sample();
        host.Backend.Apply(FirewallCompiler.Rebuild(Inputs(endpoints[0], endpoints[2])));
        var before = Normalized(host.Backend);
        var add = new NftTransaction();
        FirewallCompiler.AddEndpoint(add, endpoints[1], Inputs(endpoints));
        host.Backend.Apply(add);
        var remove = new NftTransaction();
        FirewallCompiler.RemoveEndpoint(remove, endpoints[1], Inputs(endpoints));
        host.Backend.Apply(remove);
        host.Backend.Apply(remove);
        Assert.DoesNotContain("fv0000000002", host.Ruleset());
        // Empty peer sets of names the removed policy read may stay; everything else is as before.
        Assert.Equal(before, Normalized(host.Backend));
    }

    [PrivilegedTheory]
    [InlineData(0, "peer-only")]
    [InlineData(3, "internal")]
    [InlineData(2, "private")]
    public void ReplaceEndpoint_NewPolicy_SameAsRebuildWithIt(int index, string mode)
    {
        using var host = new ThrowawayNftHost();
        var endpoints = Sample();
        host.Backend.Apply(FirewallCompiler.Rebuild(Inputs(endpoints)));
        var policy = mode switch { "peer-only" => Parse(PeerOnlyYaml), "private" => Parse("version: 1\nmode: private\negress: public-internet\nports: [\"6000:60/tcp\"]\nlimits:\n  packets: 1000/second\n"), _ => Internal };
        var replaced = endpoints[index] with { Policy = policy };
        var tx = new NftTransaction();
        FirewallCompiler.ReplaceEndpoint(tx, endpoints[index], replaced, Inputs(endpoints));
        host.Backend.Apply(tx);
        var incremental = Normalized(host.Backend);
        var after = endpoints.ToArray();
        after[index] = replaced;
        host.Backend.Apply(FirewallCompiler.Rebuild(Inputs(after)));
        Assert.Equal(Normalized(host.Backend), incremental);
    }

    [PrivilegedFact]
    public void DeleteTables_LeavesNoTable()
    {
        using var host = new ThrowawayNftHost();
        host.Backend.Apply(FirewallCompiler.Rebuild(Inputs(Sample())));
        host.Backend.Apply(FirewallCompiler.DeleteTables());
        host.Backend.Apply(FirewallCompiler.DeleteTables());
        Assert.Empty(host.Backend.ListTables());
    }

    /// <summary>
    /// Both tables as sorted lines (chain: rule, set: element), without handles and counters, and without the sets an
    /// incremental change may leave for the next rebuild: peer and shared (preset) sets no rule reads any more.
    /// </summary>
    internal static string Normalized(INftablesBackend backend)
    {
        var lines = new List<string>();
        foreach (var table in FirewallNames.Tables)
        {
            if (backend.ListTable(table.Family, table.Name) is not { } state) continue;
            lines.AddRange(state.Chains.Select(c => $"{table} chain {c.Name}"));
            lines.AddRange(state.Rules.Select(r => $"{table} {r.Chain}: {string.Join(" ", r.Statements.Where(s => s is not NftCounter))} {r.Comment}"));
            var read = string.Join("\n", state.Rules.Select(r => r.ToString()));
            var left = state.Sets.Where(s => (s.Name.StartsWith("peer", StringComparison.Ordinal) || s.Name.StartsWith("shared", StringComparison.Ordinal))
                && !read.Contains("@" + s.Name, StringComparison.Ordinal));
            foreach (var set in state.Sets.Except(left))
            {
                lines.Add($"{table} set {set.Name}");
                lines.AddRange(set.Elements.Select(e => $"{table} {set.Name}: {e.Key} {e.Value}"));
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}
