using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.PeerPolicyTests;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Self-healing: someone else deletes or flushes our tables, the watcher puts them back within a second.</summary>
public class WatcherTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    [PrivilegedTheory]
    [InlineData("flush", "ruleset")]
    [InlineData("delete", "table", "bridge", "forgenet")]
    [InlineData("flush", "table", "inet", "forgenet")]
    [InlineData("flush", "chain", "bridge", "forgenet", "prerouting")]
    [InlineData("flush", "map", "inet", "forgenet", "egress4")]
    public void WatchFirewall_ForeignDamage_RestoredWithinASecond(params string[] damage)
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("db") { Networks = ["net0"], Policy = FirewallSamples.Parse(FirewallSamples.PeerOnlyYaml) });
        env.Engine.CreateSandbox(new SandboxSpec("other") { Networks = ["net0"] });
        var expected = PolicyApiTests.NormalizedHost(env);
        using var watcher = env.Engine.WatchFirewall();
        var restored = new BlockingCollection<string>();
        var failures = new ConcurrentQueue<Exception>();
        watcher.Restored += restored.Add;
        watcher.Failed += failures.Enqueue;
        watcher.Start();
        // Our own changes are no damage: no restore for them.
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"] });
        env.Engine.RemoveSandbox("web", force: false);
        Assert.False(restored.TryTake(out var early, TimeSpan.FromMilliseconds(300)), $"restored after our own change: {early}");

        // The clock starts when the damage is done (nft has exited), not while the nft process starts up.
        Probe.Nft(env.HostName, damage);
        var clock = Stopwatch.StartNew();
        Assert.True(restored.TryTake(out var what, TimeSpan.FromSeconds(3)), $"not restored; failures: {string.Join(" | ", failures.Select(f => f.Message))}");
        Assert.True(clock.Elapsed < Within, $"restored after {clock.Elapsed.TotalMilliseconds:F0} ms: {what}");
        Assert.Empty(failures);
        Assert.Equal(expected, PolicyApiTests.NormalizedHost(env));
        // And it still filters: other is not a peer db's policy names.
        using var nsDb = env.OpenSandbox("db");
        using var nsOther = env.OpenSandbox("other");
        using var listener = Listen(nsDb, IPAddress.Any, 5432);
        Assert.False(Tcp(nsOther, listener, V4(env.Engine.InspectSandbox("db")), timeout: Denied));
    }
}
