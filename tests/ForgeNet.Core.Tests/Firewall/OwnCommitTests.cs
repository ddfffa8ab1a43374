using System.Collections.Concurrent;
using System.Diagnostics;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;
using Xunit.Abstractions;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>The watcher skips the check after batches this process committed, and still heals foreign damage.</summary>
public sealed class OwnCommitTests(ITestOutputHelper output)
{
    [Fact]
    public void IsThisProcess_ThisThreadOrAStranger_Told()
    {
        var tid = Environment.CurrentManagedThreadId; // not an OS id: read the real one
        var os = int.Parse(new DirectoryInfo("/proc/thread-self").ResolveLinkTarget(false)!.Name, System.Globalization.CultureInfo.InvariantCulture);
        var comm = File.ReadAllText("/proc/thread-self/comm").TrimEnd('\n');
        NftMonitorEvent Gen(int pid, string? name) => new(NftMonitorEventKind.Generation, null, null, null) { ProcessId = pid, ProcessName = name };
        Assert.True(NftCommitter.IsThisProcess(Gen(os, comm)), $"thread {os} ({comm}), managed {tid}");
        Assert.False(NftCommitter.IsThisProcess(Gen(os, comm + "x")));
        Assert.False(NftCommitter.IsThisProcess(Gen(1, File.ReadAllText("/proc/1/comm").TrimEnd('\n'))) && Environment.ProcessId != 1);
        Assert.False(NftCommitter.IsThisProcess(Gen(0, comm)));
        Assert.False(NftCommitter.IsThisProcess(Gen(os, null)));
        Assert.False(NftCommitter.IsThisProcess(new NftMonitorEvent(NftMonitorEventKind.TableDeleted, NftFamily.Inet, "forgenet", null) { ProcessId = os, ProcessName = comm }));
    }

    [PrivilegedFact]
    public void WatchFirewall_OwnChangesThenForeignFlushTwice_NoCheckForOursBothFlushesHealed()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        using var watcher = env.Engine.WatchFirewall();
        var restored = new BlockingCollection<string>();
        var failures = new ConcurrentQueue<Exception>();
        watcher.Restored += restored.Add;
        watcher.Failed += failures.Enqueue;
        watcher.Start();
        Assert.True(SpinWait.SpinUntil(() => watcher.Checks == 1, TimeSpan.FromSeconds(3)), "the first check");

        for (var i = 0; i < 3; i++)
        {
            env.Engine.CreateSandbox(new SandboxSpec($"b{i}") { Networks = ["net0"] });
            env.Engine.RemoveSandbox($"b{i}", force: false);
        }
        Assert.True(SpinWait.SpinUntil(() => watcher.SkippedOwn >= 3, TimeSpan.FromSeconds(3)), $"skipped {watcher.SkippedOwn}");
        Thread.Sleep(200);
        Assert.Equal(1, watcher.Checks);

        // Foreign damage twice in a row: each is healed (the check after the first rebuild verified it, so the second
        // is new damage, not "still damaged").
        for (var round = 0; round < 2; round++)
        {
            Probe.Nft(env.HostName, "flush", "ruleset");
            Assert.True(restored.TryTake(out _, TimeSpan.FromSeconds(3)), $"round {round}: not restored; {string.Join(" | ", failures.Select(f => f.Message))}");
            Assert.True(SpinWait.SpinUntil(() => Probe.Nft(env.HostName, "list", "tables").Contains("inet forgenet"), TimeSpan.FromSeconds(2)));
            Thread.Sleep(300); // the rebuild's own events bring the verifying check
        }
        Assert.Empty(failures);
        output.WriteLine($"checks {watcher.Checks}, skipped own {watcher.SkippedOwn}");
    }

    [PrivilegedFact]
    public void WatchFirewall_CreateRemoveCycles_ChecksAndTimeBeforeAndAfter()
    {
        const int Cycles = 15, Standing = 50;
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        for (var i = 0; i < Standing; i++)
            env.Engine.CreateSandbox(new SandboxSpec($"s{i}") { Networks = ["net0"] });
        foreach (var (ignoreOwn, round) in new[] { (false, 0), (true, 1), (false, 2), (true, 3) })
        {
            using var watcher = env.Engine.WatchFirewall();
            watcher.IgnoreOwnCommits = ignoreOwn;
            watcher.Start();
            SpinWait.SpinUntil(() => watcher.Checks == 1, TimeSpan.FromSeconds(3));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Cycles; i++)
            {
                env.Engine.CreateSandbox(new SandboxSpec($"c{round}-{i}") { Networks = ["net0"] });
                env.Engine.RemoveSandbox($"c{round}-{i}", force: false);
            }
            var elapsed = clock.Elapsed;
            // Events arrive late on a loaded machine: wait for them rather than for a fixed time.
            SpinWait.SpinUntil(() => ignoreOwn ? watcher.SkippedOwn >= Cycles : watcher.Checks > 1, TimeSpan.FromSeconds(5));
            Thread.Sleep(200);
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var checks = watcher.Checks - 1;
            output.WriteLine($"{(ignoreOwn ? "skip own" : "check all")}: {Cycles} create+remove with {Standing} sandboxes standing: " +
                $"{elapsed.TotalMilliseconds / Cycles:F1} ms per cycle, {checks} checks ({(checks == 0 ? 0 : (watcher.CheckTime.TotalMilliseconds / watcher.Checks)):F1} ms each), " +
                $"{watcher.SkippedOwn} skipped, process CPU {used.TotalMilliseconds:F0} ms");
            if (ignoreOwn) Assert.Equal(1, watcher.Checks);
            else Assert.True(watcher.Checks > 1, "the baseline checks after our own removals");
        }
    }
}
