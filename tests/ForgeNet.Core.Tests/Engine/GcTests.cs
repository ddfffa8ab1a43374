using System.Diagnostics;
using ForgeNet.Core.Model;
using ForgeNet.Core.Store;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

public class GcTests
{
    [PrivilegedFact]
    public void CollectGarbage_LeakedVethAndNamespace_RemovedOthersKept()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var kept = env.Engine.CreateSandbox(new SandboxSpec("kept") { Networks = ["net0"] });
        var instance = env.Engine.InstanceId;
        // A veth tagged as ours for a sandbox that has no record, one tagged by another store, and an untagged one.
        Probe.Ip("-n", env.HostName, "link", "add", "fnt-leak", "group", "0x464e", "type", "veth", "peer", "name", "fnt-leakp");
        Probe.Ip("-n", env.HostName, "link", "set", "fnt-leak", "alias", $"forgenet:{instance}:0123456789abcdef");
        Probe.Ip("-n", env.HostName, "link", "add", "fnt-other", "group", "0x464e", "type", "bridge");
        Probe.Ip("-n", env.HostName, "link", "set", "fnt-other", "alias", "forgenet:ffffffff:0123456789abcdef");
        Probe.Ip("-n", env.HostName, "link", "add", "fnt-plain", "type", "bridge");
        Probe.Ip("-n", env.HostName, "link", "add", "fnt-oldbr", "group", "0x464e", "type", "bridge");
        Probe.Ip("-n", env.HostName, "link", "set", "fnt-oldbr", "alias", $"forgenet:{instance}:net:00000000deadbeef");
        NetNs.Create(env.Prefix + "orphan").Dispose();

        var report = env.Engine.CollectGarbage();

        Assert.Contains(report.Removed, line => line.Contains("fnt-leak"));
        Assert.Contains(report.Removed, line => line.Contains(env.Prefix + "orphan"));
        Assert.Contains(report.Removed, line => line.Contains("fnt-oldbr") && line.Contains("network 00000000deadbeef"));
        Assert.Equal(3, report.Removed.Count);
        var links = Probe.Ip("-n", env.HostName, "-o", "link", "show");
        Assert.DoesNotContain("fnt-leak", links);
        Assert.DoesNotContain("fnt-oldbr", links);
        Assert.Contains(env.Engine.InspectNetwork("net0").BridgeName, links);
        Assert.Contains("fnt-other", links);
        Assert.Contains("fnt-plain", links);
        Assert.Contains(kept.Endpoints[0].HostInterface, links);
        Assert.Equal([env.Prefix + "kept"], env.OurNamespaces());
        Assert.Empty(env.Engine.CollectGarbage().Removed);
    }

    [PrivilegedFact]
    public void CollectGarbage_CreatorDiedMidway_SandboxTornDown()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var info = env.Engine.CreateSandbox(new SandboxSpec("half") { Networks = ["net0"] });
        // Make the record look like a create whose process was killed before it finished.
        var dead = DeadProcess();
        using (var store = ForgeStore.Open(env.StateDirectory))
            store.Write(() => store.SetSandboxState(info.Id, SandboxState.Creating, dead));

        var report = env.Engine.CollectGarbage();

        Assert.Contains($"sandbox half (creating interrupted: process {dead.Pid} exited)", report.Removed);
        LifecycleTests.AssertNothingLeft(env, "half", "net0");
    }

    [PrivilegedFact]
    public void CollectGarbage_OwnerExited_SandboxTornDown()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        using var owner = Process.Start(new ProcessStartInfo("sleep", "300"))!;
        env.Engine.CreateSandbox(new SandboxSpec("run") { Networks = ["net0"], OwnerPid = owner.Id });
        Assert.Empty(env.Engine.CollectGarbage().Removed);
        owner.Kill();
        owner.WaitForExit();
        Assert.Contains($"sandbox run (owner process {owner.Id} exited)", env.Engine.CollectGarbage().Removed);
        LifecycleTests.AssertNothingLeft(env, "run", "net0");
    }

    [PrivilegedFact]
    public void CollectGarbage_NamespaceVanished_RecordAndVethRemoved()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("gone") { Networks = ["net0"] });
        NetNs.DeleteNamed(env.Prefix + "gone");
        Assert.Contains($"sandbox gone (namespace {env.Prefix}gone vanished)", env.Engine.CollectGarbage().Removed);
        LifecycleTests.AssertNothingLeft(env, "gone", "net0");
    }

    private static ProcessIdentity DeadProcess()
    {
        using var process = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        var identity = ProcessIdentity.Capture(process.Id)!.Value;
        process.Kill();
        process.WaitForExit();
        return identity;
    }
}
