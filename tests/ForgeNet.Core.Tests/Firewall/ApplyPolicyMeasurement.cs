using System.Diagnostics;
using System.Globalization;
using System.Text;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Testing;
using Xunit.Abstractions;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// Engine.ApplyPolicy end to end (store, compile, one nftables batch) for a policy of 10,000 one-address ingress rules,
/// alternating two such policies whose addresses all differ, as scripts/bench-firewall does. Checks the rules are in the
/// kernel and prints the times: a measurement for the record, not an assertion on time.
/// </summary>
public sealed class ApplyPolicyMeasurement(ITestOutputHelper output)
{
    [PrivilegedFact]
    public void ApplyPolicy_TenThousandCidrRules_InKernelAndTimed()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("server") { Networks = ["net0"] });
        env.Engine.CreateSandbox(new SandboxSpec("client") { Networks = ["net0"] });
        var policies = new[] { Policy(10_000, 0), Policy(10_000, 1) };
        var backend = DirectPathTests.Backend(env.Engine);
        var before = backend.Counts;
        var times = new List<double>();
        var collections = new int[3];
        for (var i = 0; i < 12; i++)
        {
            var gcs = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var clock = Stopwatch.StartNew();
            env.Engine.ApplyPolicy("server", policies[i % 2]);
            if (i < 2) continue;
            times.Add(clock.Elapsed.TotalMilliseconds);
            for (var g = 0; g < 3; g++) collections[g] += GC.CollectionCount(g) - gcs[g];
        }
        var after = backend.Counts;
        Assert.True(after.Libnftables == before.Libnftables, $"libnftables took {after.Libnftables - before.Libnftables} batches: {after.LastFallbackReason}");
        var ruleset = Engine.Probe.Nft(env.HostName, "list", "ruleset");
        Assert.Contains("172.16.0.3", ruleset, StringComparison.Ordinal);
        Assert.DoesNotContain("172.16.0.1,", ruleset, StringComparison.Ordinal);
        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ApplyPolicy, 10,000 CIDR rules: p50 {times[times.Count / 2]:F1} ms, min {times[0]:F1}, max {times[^1]:F1} ({times.Count} runs; garbage collections during them, gen 0/1/2: {collections[0]}/{collections[1]}/{collections[2]})"));
    }

    /// <summary>Mode private, <paramref name="count"/> rules of one /32 each (every fourth address, offset by the variant), as the benchmark's.</summary>
    internal static NetworkPolicy Policy(int count, int variant)
    {
        var yaml = new StringBuilder("version: 1\nmode: private\ningress:\n");
        for (var i = 0; i < count; i++)
        {
            var host = 0xAC100000u + ((uint)i * 4) + 1 + ((uint)variant * 2);
            yaml.Append(CultureInfo.InvariantCulture, $"  - from: [{host >> 24}.{(host >> 16) & 255}.{(host >> 8) & 255}.{host & 255}/32]\n");
        }
        yaml.Append("  - from: [{peer: client}]\n    ports: [5201/tcp]\n");
        return FirewallSamples.Parse(yaml.ToString());
    }
}
