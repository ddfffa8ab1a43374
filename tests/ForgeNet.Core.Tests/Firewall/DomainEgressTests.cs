using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Firewall;
using ForgeNet.Kernel.Nftables;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Decide and Admit against the compiler's tables in the recording backend (no kernel).</summary>
public class DomainEgressTests
{
    private static readonly IPAddress AppAddress = IPAddress.Parse("10.89.0.8");

    [Theory]
    [InlineData("pypi.org", ResolverDecision.AllowedDomain)]
    [InlineData("PyPI.org.", ResolverDecision.AllowedDomain)]
    [InlineData("files.pythonhosted.org", ResolverDecision.AllowedDomain)]
    [InlineData("a.b.pythonhosted.org", ResolverDecision.AllowedDomain)]
    [InlineData("pythonhosted.org", ResolverDecision.Refuse)]
    [InlineData("www.pypi.org", ResolverDecision.Refuse)]
    [InlineData("api.example.com", ResolverDecision.AllowedDomain)]
    [InlineData("example.com", ResolverDecision.Refuse)]
    [InlineData("evilpythonhosted.org", ResolverDecision.Refuse)]
    public void Decide_DomainPolicy_AllowedOnlyForMatchingNames(string name, ResolverDecision expected)
    {
        var (egress, _, _) = Make(App(Parse(DomainSamples.Yaml)));
        Assert.Equal(expected, egress.Decide("net0", AppAddress, name));
        Assert.Equal(expected, egress.Decide("net0id", IPAddress.Parse("fd00:89::8"), name));
    }

    [Fact]
    public void Decide_ClientCases_RefuseOrForwardByPolicyAndNetwork()
    {
        var (egress, _, _) = Make(
            App(Parse("version: 1\nmode: private\ndns: true\negress: public-internet\n")),
            Web(Parse("version: 1\nmode: private\negress: public-internet\n")),
            Db(Parse("version: 1\nmode: internal\ndns: true\n")),
            Job(Parse("version: 1\nmode: private\ndns: true\negress: public-internet\n")));
        Assert.Equal(ResolverDecision.Forward, egress.Decide("net0", AppAddress, "example.com"));
        Assert.Equal(ResolverDecision.Forward, egress.Decide("net0", IPAddress.Parse("::ffff:10.89.0.8"), "example.com"));
        Assert.Equal(ResolverDecision.Forward, egress.Decide("net0", FirewallEndpoint.LinkLocalOf("02:00:00:00:00:04"), "example.com"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", IPAddress.Parse("10.89.0.5"), "example.com"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", IPAddress.Parse("10.89.0.6"), "example.com"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net1", IPAddress.Parse("10.89.1.7"), "example.com"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", IPAddress.Parse("10.89.0.99"), "example.com"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net1", AppAddress, "example.com"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("nonet", AppAddress, "example.com"));
    }

    [Fact]
    public void Admit_AllowedName_ElementsWithClampedTimeoutsInTheMatchingRulesSets()
    {
        var app = App(Parse(DomainSamples.Yaml));
        var (egress, nft, _) = Make(app);
        egress.Admit("net0", AppAddress, "files.pythonhosted.org",
            [IPAddress.Parse("203.0.113.9"), IPAddress.Parse("2001:db8::9"), IPAddress.Parse("::ffff:203.0.113.10")], TimeSpan.FromSeconds(0.2));
        egress.Admit("net0", AppAddress, "api.example.com", [IPAddress.Parse("203.0.113.11")], TimeSpan.FromDays(3));
        var rules = DomainRule.Of(app.Policy);
        var inet = nft.ListTable(NftFamily.Inet, "forgenet")!;
        Assert.Equal(["203.0.113.9 timeout 30s", "203.0.113.10 timeout 30s"], Elements(inet, rules[0].SetName(app.Port, System.Net.Sockets.AddressFamily.InterNetwork)));
        Assert.Equal(["2001:db8::9 timeout 30s"], Elements(inet, rules[0].SetName(app.Port, System.Net.Sockets.AddressFamily.InterNetworkV6)));
        Assert.Equal(["203.0.113.11 timeout 1h"], Elements(inet, rules[1].SetName(app.Port, System.Net.Sockets.AddressFamily.InterNetwork)));
    }

    [Fact]
    public void Admit_ShorterTtlLater_WritesWhatIsLeftOfTheLonger()
    {
        var (egress, nft, time) = Make(App(Parse(DomainSamples.Yaml)));
        egress.Admit("net0", AppAddress, "pypi.org", [IPAddress.Parse("203.0.113.9")], TimeSpan.FromMinutes(10));
        time.Advance(TimeSpan.FromMinutes(4));
        nft.ClearRecording();
        egress.Admit("net0", AppAddress, "pypi.org", [IPAddress.Parse("203.0.113.9")], TimeSpan.FromSeconds(5));
        Assert.Contains("timeout 6m", nft.GoldenDump(), StringComparison.Ordinal);
        time.Advance(TimeSpan.FromMinutes(7));
        nft.ClearRecording();
        egress.Admit("net0", AppAddress, "pypi.org", [IPAddress.Parse("203.0.113.9")], TimeSpan.FromSeconds(5));
        Assert.Contains("timeout 30s", nft.GoldenDump(), StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_LoopbackMetadataMulticastOrGateway_NeverAdmitted()
    {
        var app = App(Parse(DomainSamples.Yaml));
        var (egress, nft, _) = Make(app);
        string[] never = ["127.0.0.1", "169.254.169.254", "224.0.0.1", "255.255.255.255", "0.0.0.0", "10.89.0.1", "::1", "fe80::1", "ff02::1", "fd00:89::1", "::ffff:127.0.0.1"];
        egress.Admit("net0", AppAddress, "pypi.org", [.. never.Select(IPAddress.Parse), IPAddress.Parse("203.0.113.9"), IPAddress.Parse("10.1.2.3")], TimeSpan.FromMinutes(1));
        var inet = nft.ListTable(NftFamily.Inet, "forgenet")!;
        var rule = DomainRule.Of(app.Policy)[0];
        Assert.Equal(["203.0.113.9 timeout 60s", "10.1.2.3 timeout 60s"], Elements(inet, rule.SetName(app.Port, System.Net.Sockets.AddressFamily.InterNetwork)));
        Assert.Empty(Elements(inet, rule.SetName(app.Port, System.Net.Sockets.AddressFamily.InterNetworkV6)));
    }

    [Fact]
    public void Admit_NameOrClientNotAllowed_ThrowsAndWritesNothing()
    {
        var (egress, nft, _) = Make(App(Parse(DomainSamples.Yaml)));
        nft.ClearRecording();
        var refused = Assert.Throws<ForgeException>(() => egress.Admit("net0", AppAddress, "evil.example.org", [IPAddress.Parse("203.0.113.9")], TimeSpan.FromMinutes(1)));
        Assert.Equal(ErrorKind.InvalidArgument, refused.Kind);
        Assert.Contains("evil.example.org", refused.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ForgeException>(() => egress.Admit("net0", IPAddress.Parse("10.89.0.77"), "pypi.org", [IPAddress.Parse("203.0.113.9")], TimeSpan.FromMinutes(1)));
        Assert.Equal(ErrorKind.NotFound, unknown.Kind);
        Assert.Equal("", nft.GoldenDump().Trim());
    }

    [Fact]
    public void Admit_TablesGone_ThrowsKernelError()
    {
        var (egress, nft, _) = Make(App(Parse(DomainSamples.Yaml)));
        nft.Apply(FirewallCompiler.DeleteTables());
        var e = Assert.Throws<ForgeException>(() => egress.Admit("net0", AppAddress, "pypi.org", [IPAddress.Parse("203.0.113.9")], TimeSpan.FromMinutes(1)));
        Assert.Equal(ErrorKind.Kernel, e.Kind);
        Assert.StartsWith("admit the addresses of pypi.org for 10.89.0.8 on network net0: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clamp_FloorCeilingAndWholeSeconds()
    {
        var t = DomainTimeouts.Default;
        Assert.Equal(TimeSpan.FromSeconds(30), t.Clamp(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(30), t.Clamp(TimeSpan.FromSeconds(-5)));
        Assert.Equal(TimeSpan.FromSeconds(301), t.Clamp(TimeSpan.FromSeconds(300.2)));
        Assert.Equal(TimeSpan.FromHours(1), t.Clamp(TimeSpan.FromDays(7)));
    }

    /// <summary>A DomainEgress over the recording backend, with the endpoints' tables built, and a clock the test moves.</summary>
    private static (DomainEgress Egress, RecordingNftBackend Nft, ManualClock Time) Make(params FirewallEndpoint[] endpoints)
    {
        var nft = new RecordingNftBackend();
        nft.Apply(FirewallCompiler.Rebuild(Inputs(endpoints)));
        var time = new ManualClock();
        var directory = new DomainDirectory(() => 0, () => 0, () => endpoints);
        return (new DomainEgress(directory, nft.Apply, DomainTimeouts.Default, time), nft, time);
    }

    private static List<string> Elements(NftTableState table, string set) =>
        [.. table.Set(set)!.Elements.Select(e => $"{e.Key} timeout {Format(e.Timeout!.Value)}")];

    private static string Format(TimeSpan t) => t.TotalHours >= 1 && t.TotalHours % 1 == 0 ? $"{t.TotalHours}h" : $"{t.TotalSeconds}s";
}
