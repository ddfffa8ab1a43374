using System.Diagnostics;
using System.Globalization;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;
using Xunit.Abstractions;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// Compile + apply of one endpoint's policy against the real kernel, for a 10-rule policy and a 10,000-CIDR policy.
/// Checks the result is right (the CIDRs in one interval set, a handful of rules) and prints the times: a measurement
/// for the record, not an assertion on time.
/// </summary>
public sealed class FirewallMeasurement(ITestOutputHelper output)
{
    private const string TenRules = """
        version: 1
        mode: private
        dns: true
        ingress:
          - from: [{peer: web}]
            ports: [8080/tcp]
          - from: [10.89.0.1]
            ports: [9100/tcp]
        egress:
          - to: [203.0.113.0/24, "2001:db8:100::/48"]
            ports: [443/tcp, 8080-8089/tcp]
          - to: [198.51.100.7]
            ports: [5432/tcp]
          - to: [{peer: db}]
            ports: [5432/tcp]
          - to: [192.0.2.0/24]
          - ports: [123/udp, 53/udp]
          - to: [203.0.113.1]
            icmp: [echo-request]
          - to: [198.51.100.0/24]
            protocols: [udp]
          - to: [{preset: public-internet}]
            ports: [80/tcp, 443/tcp]
        limits:
          connections: {rate: 100/second, burst: 20}
        """;

    [PrivilegedFact]
    public void CompileAndApply_TenRulesAndTenThousandCidrs_RightAndTimed()
    {
        using var host = new ThrowawayNftHost();
        host.Backend.Apply(FirewallCompiler.Rebuild(Inputs(Web(), Db())));
        var small = (Parse(TenRules), Parse(TenRules.Replace("9100", "9101", StringComparison.Ordinal)));
        var large = (TenThousandCidrs(0), TenThousandCidrs(1));
        var defaults = Measure(host, (Internal, Internal with { Description = "x" }), 40);
        var ten = Measure(host, small, 40);
        var tenThousand = Measure(host, large, 6);

        var inet = host.Backend.ListTable(NftFamily.Inet, "forgenet")!;
        var set = Assert.Single(inet.Sets, s => s.Name.StartsWith("ep-fv0000000004-eg-", StringComparison.Ordinal));
        Assert.Equal(10_000, set.Elements.Count);
        Assert.True(inet.RulesIn("ep-fv0000000004-eg").Count() <= 4, "one rule per family, prefix length and port list, not one per CIDR");
        output.WriteLine($"default internal policy: {defaults}");
        output.WriteLine($"10-rule policy: {ten}");
        output.WriteLine($"10,000-CIDR policy: {tenThousand}");
    }

    [PrivilegedFact]
    public void CreateSandbox_WithFirewall_AllChainsThereAndTimed()
    {
        using var env = new Engine.EngineSandbox();
        env.Engine.CreateNetwork(new ForgeNet.Core.Model.NetworkSpec("net0"));
        env.Engine.CreateSandbox(new ForgeNet.Core.Model.SandboxSpec("warm") { Networks = ["net0"] });
        var times = new List<double>();
        var ports = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            var info = env.Engine.CreateSandbox(new ForgeNet.Core.Model.SandboxSpec($"s{i}") { Networks = ["net0"] });
            times.Add(clock.Elapsed.TotalMilliseconds);
            ports.Add(info.Endpoints[0].HostInterface);
        }
        var ruleset = Engine.Probe.Nft(env.HostName, "list", "ruleset");
        Assert.All(ports, p => Assert.Contains($"chain ep-{p}-eg", ruleset));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CreateSandbox (internal, one network, firewall included): p50 {Median(times):F2} ms of 20"));
    }

    [PrivilegedFact]
    public void AddEndpoint_AmongManyOthers_RightAndTimed()
    {
        using var host = new ThrowawayNftHost();
        var lines = new List<string>();
        foreach (var others in new[] { 10, 1000 })
        {
            var clock = Stopwatch.StartNew();
            host.Backend.Apply(FirewallCompiler.Rebuild(Inputs([.. Enumerable.Range(1, others).Select(Many)])));
            var rebuild = clock.Elapsed.TotalMilliseconds;
            var adds = new List<double>();
            for (var k = 0; k < 10; k++)
            {
                var endpoint = Many(5000 + k);
                var tx = new NftTransaction();
                FirewallCompiler.AddEndpoint(tx, endpoint, Inputs(endpoint));
                clock.Restart();
                host.Backend.Apply(tx);
                adds.Add(clock.Elapsed.TotalMilliseconds);
            }
            var inet = host.Backend.ListTable(NftFamily.Inet, "forgenet")!;
            Assert.Equal(others + 10, inet.Set("egress4")!.Elements.Count);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{others} sandboxes: rebuild {rebuild:F0} ms, one more (default internal) {Median(adds):F2} ms"));
        }
        output.WriteLine(string.Join("; ", lines));
    }

    /// <summary>Sandbox number <paramref name="i"/> of many on one big network, with the default internal policy.</summary>
    private static FirewallEndpoint Many(int i) => new($"id{i}", $"s{i}", $"fv{i:x10}", $"02:00:00:{(i >> 16) & 0xff:x2}:{(i >> 8) & 0xff:x2}:{i & 0xff:x2}",
        System.Net.IPAddress.Parse($"10.{88 + (i >> 16)}.{(i >> 8) & 0xff}.{i & 0xff}"), null,
        Net0 with { Subnet4 = Kernel.IpPrefix.Parse("10.0.0.0/8"), Gateway4 = System.Net.IPAddress.Parse("10.0.0.1") }, Internal);

    private sealed record Timing(double AddCompile, double AddApply, double ReplaceCompile, double ReplaceApply)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"add (new sandbox) compile {AddCompile:F2} + apply {AddApply:F2} ms; replace (policy change) compile {ReplaceCompile:F2} + apply {ReplaceApply:F2} ms");
    }

    /// <summary>Medians: adding an endpoint with the first policy (then removing it), and replacing one policy with the other.</summary>
    private static Timing Measure(ThrowawayNftHost host, (NetworkPolicy A, NetworkPolicy B) policies, int rounds)
    {
        var (addCompile, addApply, replaceCompile, replaceApply) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < rounds; i++)
        {
            var endpoint = App(policies.A);
            var clock = Stopwatch.StartNew();
            var tx = new NftTransaction();
            FirewallCompiler.AddEndpoint(tx, endpoint, Inputs(Web(), Db(), endpoint));
            addCompile.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            host.Backend.Apply(tx);
            addApply.Add(clock.Elapsed.TotalMilliseconds);

            var next = App(policies.B);
            clock.Restart();
            tx = new NftTransaction();
            FirewallCompiler.ReplaceEndpoint(tx, endpoint, next, Inputs(Web(), Db(), next));
            replaceCompile.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            host.Backend.Apply(tx);
            replaceApply.Add(clock.Elapsed.TotalMilliseconds);

            var remove = new NftTransaction();
            FirewallCompiler.RemoveEndpoint(remove, next, Inputs(Web(), Db(), next));
            if (i < rounds - 1) host.Backend.Apply(remove);
        }
        return new Timing(Median(addCompile), Median(addApply), Median(replaceCompile), Median(replaceApply));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>10,000 distinct, non-adjacent /24s in 100.0.0.0/7 with one port list (one interval set of 10,000); <paramref name="variant"/> shifts them.</summary>
    private static NetworkPolicy TenThousandCidrs(int variant)
    {
        var cidrs = Enumerable.Range(0, 10_000).Select(i => $"{100 + (i >> 13)}.{(i >> 5) & 0xff}.{(i & 0x1f) * 8 + variant * 2}.0/24");
        return Parse($"version: 1\nmode: private\negress:\n  - to: [{string.Join(", ", cidrs)}]\n    ports: [443/tcp]\n");
    }
}
