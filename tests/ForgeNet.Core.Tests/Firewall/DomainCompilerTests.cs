using System.Net.Sockets;
using ForgeNet.Core.Firewall;
using ForgeNet.Kernel.Nftables;
using static ForgeNet.Core.Tests.Firewall.FirewallGoldenTests;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Domain rules in the compiler: timeout sets per patterns and family, their rules, and the DNS guard.</summary>
public class DomainCompilerTests
{
    [Fact]
    public void AddEndpoint_DomainRules_MatchesGolden()
    {
        var nft = new RecordingNftBackend();
        var app = App(Parse(DomainSamples.Yaml));
        nft.Apply(FirewallCompiler.Rebuild(Inputs(Web())));
        nft.ClearRecording();
        nft.Apply(Tx(tx => FirewallCompiler.AddEndpoint(tx, app, Inputs(Web(), app))));
        GoldenFile.AssertMatches("domains.nft", nft.GoldenDump());
    }

    [Fact]
    public void Compile_DomainRules_OneTimeoutSetPerPatternsAndFamily()
    {
        var c = FirewallCompiler.Compile(App(Parse(DomainSamples.Yaml)), Inputs());
        var sets = c.Sets.Where(s => s.Name.Contains("-dom", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, sets.Count);
        Assert.All(sets, s =>
        {
            Assert.Equal(FirewallNames.Inet, s.Table);
            Assert.Equal(NftSetFlags.Timeout, s.Flags);
            Assert.Empty(s.Elements);
            Assert.StartsWith("ep-fv0000000004-dom", s.Name, StringComparison.Ordinal);
            Assert.True(s.Name.Length <= 64, s.Name);
        });
        // The ICMP echo part of the second rule reads only the IPv4 set.
        var echo = c.Rules.Where(r => r.ToString().Contains("echo-request", StringComparison.Ordinal) && r.ToString().Contains("@ep-", StringComparison.Ordinal)).ToList();
        Assert.Single(echo);
        Assert.Contains("ip daddr @ep-fv0000000004-dom4-", echo[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_SamePatternsInOtherOrder_SameSets()
    {
        var a = App(Parse(DomainSamples.Yaml));
        var b = App(Parse(DomainSamples.Yaml.Replace("[{domain: pypi.org}, {domain: \"*.pythonhosted.org\"}]", "[{domain: \"*.pythonhosted.org\"}, {domain: PyPI.org}]", StringComparison.Ordinal)));
        Assert.Equal(SetNames(a), SetNames(b));
        var c = App(Parse(DomainSamples.Yaml.Replace("pypi.org", "example.org", StringComparison.Ordinal)));
        Assert.NotEqual(SetNames(a), SetNames(c));
    }

    [Fact]
    public void Compile_DnsGuard_BeforeEveryAllowInBothTables()
    {
        var c = FirewallCompiler.Compile(App(Parse(DomainSamples.Yaml)), Inputs());
        foreach (var table in FirewallNames.Tables)
        {
            var rules = c.Rules.Where(r => r.Table == table && r.Chain == "ep-fv0000000004-eg").Select(r => r.ToString()).ToList();
            var guards = rules.Select((text, i) => (text, i)).Where(x => x.text.Contains("DNS only to the network's resolver", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, guards.Count);
            var firstAllow = rules.FindIndex(r => r.EndsWith("return", StringComparison.Ordinal) || r.Contains(" return comment", StringComparison.Ordinal));
            var end = firstAllow >= 0 ? firstAllow : rules.FindIndex(r => r.Contains("default deny", StringComparison.Ordinal));
            Assert.True(guards.Max(g => g.i) < end, string.Join("\n", rules));
            if (table.Family == NftFamily.Inet)
            {
                Assert.Contains(guards, g => g.text.Contains("ip daddr != 10.89.0.1 udp dport 53", StringComparison.Ordinal));
                Assert.Contains(guards, g => g.text.Contains("ip6 daddr != fd00:89::1 tcp dport { 53, 853 }", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Compile_NoDomainRule_NoGuardNoSets()
    {
        var c = FirewallCompiler.Compile(App(Parse(PrivateYaml)), Inputs());
        Assert.DoesNotContain(c.Rules, r => r.ToString().Contains("DNS only", StringComparison.Ordinal));
        Assert.DoesNotContain(c.Sets, s => s.Name.Contains("-dom", StringComparison.Ordinal));
    }

    [Fact]
    public void ReplaceEndpoint_PatternsChanged_OldSetsDeletedNewAdded()
    {
        var nft = new RecordingNftBackend();
        var before = App(Parse(DomainSamples.Yaml));
        var after = App(Parse(DomainSamples.Yaml.Replace("api.example.com", "api.example.net", StringComparison.Ordinal)));
        nft.Apply(FirewallCompiler.Rebuild(Inputs(before)));
        nft.Apply(Tx(tx => FirewallCompiler.ReplaceEndpoint(tx, before, after, Inputs(after))));
        var names = nft.ListTable(NftFamily.Inet, "forgenet")!.Sets.Select(s => s.Name).Where(n => n.Contains("-dom", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(SetNames(after), names);
        nft.Apply(Tx(tx => FirewallCompiler.RemoveEndpoint(tx, after, Inputs(after))));
        Assert.DoesNotContain(nft.ListTable(NftFamily.Inet, "forgenet")!.Sets, s => s.Name.Contains("-dom", StringComparison.Ordinal));
    }

    private static List<string> SetNames(FirewallEndpoint endpoint) =>
        [.. FirewallCompiler.Compile(endpoint, Inputs()).Sets.Select(s => s.Name).Where(n => n.Contains("-dom", StringComparison.Ordinal)).Order()];
}
