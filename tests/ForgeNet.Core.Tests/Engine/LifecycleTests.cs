using System.Diagnostics;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Store;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

public class LifecycleTests
{
    private static readonly TimeSpan Async = TimeSpan.FromSeconds(5);

    /// <summary>No namespace, no veth in the test's host namespace, no record, no allocation on <paramref name="network"/>.</summary>
    internal static void AssertNothingLeft(EngineSandbox env, string sandbox, string network)
    {
        Assert.DoesNotContain(env.Prefix + sandbox, NetNs.ListNamed());
        // The host namespace is the test's own: any veth left in it is a leak. The kernel dismantles
        // a deleted namespace's pairs asynchronously, so poll.
        Assert.True(Probe.Eventually(() => Probe.Ip("-n", env.HostName, "-o", "link", "show", "type", "veth").Trim().Length == 0, Async),
            "veth left: " + Probe.Ip("-n", env.HostName, "-o", "link", "show", "type", "veth"));
        Assert.DoesNotContain(env.Engine.ListSandboxes(), s => s.Name == sandbox);
        Assert.Equal(0, env.Engine.InspectNetwork(network).EndpointCount);
        using var store = ForgeStore.Open(env.StateDirectory);
        var id = env.Engine.InspectNetwork(network).Id;
        Assert.Empty(store.Read(() => store.UsedAddresses(id)));
        // No sandbox left: no endpoint chain, set or map element may be left in the host's nftables either.
        if (env.Engine.ListSandboxes().Count == 0)
            Assert.DoesNotContain("fv", Probe.Nft(env.HostName, "list", "ruleset"));
    }

    [PrivilegedFact]
    public void RemoveSandbox_Created_LeavesNothing()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        var info = env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0"] });
        Assert.Contains(info.Endpoints[0].HostInterface, Probe.Ip("-n", env.HostName, "-o", "link", "show"));
        env.Engine.RemoveSandbox("box", force: false);
        AssertNothingLeft(env, "box", "net0");
        var again = Assert.Throws<ForgeException>(() => env.Engine.RemoveSandbox("box", force: false));
        Assert.Equal(ErrorKind.NotFound, again.Kind);
    }

    [PrivilegedFact]
    public void RemoveSandbox_NamespaceAlreadyGone_RecordRemovedWithoutError()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0"] });
        NetNs.DeleteNamed(env.Prefix + "box");
        env.Engine.RemoveSandbox("box", force: false);
        AssertNothingLeft(env, "box", "net0");
    }

    [PrivilegedTheory]
    [InlineData("store")]
    [InlineData("firewall")]
    [InlineData("netns")]
    [InlineData("veth:net0")]
    [InlineData("address:net0")]
    [InlineData("route:net0")]
    [InlineData("veth:net1")]
    [InlineData("route:net1")]
    [InlineData("bandwidth")]
    [InlineData("ready")]
    public void CreateSandbox_FaultAtStep_LeavesNothing(string step)
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        env.Engine.CreateNetwork(new NetworkSpec("net1") { Internal = true });
        var faulty = env.Open(o => o with { FaultAt = step });
        var e = Assert.Throws<ForgeException>(() => faulty.CreateSandbox(new SandboxSpec("box") { Networks = ["net0", "net1"] }));
        Assert.Equal(ErrorKind.Internal, e.Kind);
        Assert.StartsWith("create sandbox box: ", e.Message);
        Assert.EndsWith($"injected fault at {step}", e.Message);
        AssertNothingLeft(env, "box", "net0");
        Assert.Equal(0, env.Engine.InspectNetwork("net1").EndpointCount);
        // And the name is free again: the same sandbox can be made at once.
        env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0", "net1"] });
    }

    [PrivilegedFact]
    public void RemoveSandbox_ProcessInside_RefusesThenForceKills()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0"] });
        using var sleeper = env.Engine.StartProcess("box", new ProcessStartInfo("sleep", "300"));
        try
        {
            using (var ns = env.OpenSandbox("box"))
                Assert.Contains(sleeper.Id, ns.FindProcessIds());
            var e = Assert.Throws<ForgeException>(() => env.Engine.RemoveSandbox("box", force: false));
            Assert.Equal(ErrorKind.InUse, e.Kind);
            Assert.Contains($"{sleeper.Id} (sleep)", e.Message);
            Assert.Single(env.Engine.ListSandboxes());
            env.Engine.RemoveSandbox("box", force: true);
            Assert.True(sleeper.WaitForExit(5000));
            AssertNothingLeft(env, "box", "net0");
        }
        finally
        {
            if (!sleeper.HasExited) sleeper.Kill();
        }
    }

    [PrivilegedFact]
    public void CreateSandbox_BridgeFull_ExhaustedBeforeKernelWork()
    {
        using var env = new EngineSandbox();
        var small = env.Open(o => o with { MaxBridgePorts = 2 });
        small.CreateNetwork(new NetworkSpec("net0"));
        small.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        small.CreateSandbox(new SandboxSpec("b") { Networks = ["net0"] });
        var e = Assert.Throws<ForgeException>(() => small.CreateSandbox(new SandboxSpec("c") { Networks = ["net0"] }));
        Assert.Equal(ErrorKind.Exhausted, e.Kind);
        Assert.Equal("create sandbox c: network net0 is full: a Linux bridge holds at most 2 ports", e.Message);
        Assert.DoesNotContain(env.Prefix + "c", NetNs.ListNamed());
    }

    [PrivilegedFact]
    public void CreateSandbox_BridgeVanished_RecreatedWithGateway()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0"));
        Probe.Ip("-n", env.HostName, "link", "del", net.BridgeName);
        env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0"] });
        Assert.Contains($"inet {net.Gateway4}/24", Probe.Ip("-n", env.HostName, "-o", "addr", "show", "dev", net.BridgeName));
    }

    [PrivilegedFact]
    public void CreateSandbox_BadInput_ErrorsAndChangesNothing()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.0.0/24" });
        env.Engine.CreateSandbox(new SandboxSpec("taken") { Networks = ["net0"], RequestedAddresses = ["10.99.0.9"] });
        (SandboxSpec Spec, ErrorKind Kind)[] cases =
        [
            (new SandboxSpec("bad name"), ErrorKind.InvalidArgument),
            (new SandboxSpec("x") { Networks = ["nope"] }, ErrorKind.NotFound),
            (new SandboxSpec("x") { Networks = ["net0", "net0"] }, ErrorKind.InvalidArgument),
            (new SandboxSpec("x") { Networks = ["net0"], Isolation = IsolationMode.LoopbackOnly }, ErrorKind.InvalidArgument),
            (new SandboxSpec("x") { Networks = ["net0"], RequestedAddresses = ["10.98.0.5"] }, ErrorKind.InvalidArgument),
            (new SandboxSpec("x") { Networks = ["net0"], RequestedAddresses = ["10.99.0.1"] }, ErrorKind.InvalidArgument),
            (new SandboxSpec("x") { Networks = ["net0"], RequestedAddresses = ["10.99.0.9"] }, ErrorKind.InUse),
            (new SandboxSpec("x") { OwnerPid = int.MaxValue }, ErrorKind.InvalidArgument),
            (new SandboxSpec("taken") { Networks = ["net0"] }, ErrorKind.AlreadyExists),
        ];
        foreach (var (spec, kind) in cases)
            Assert.Equal(kind, Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(spec)).Kind);
        Assert.Equal(["taken"], env.Engine.ListSandboxes().Select(s => s.Name));
        Assert.Equal([env.Prefix + "taken"], env.OurNamespaces());
        Assert.Single(Probe.Ip("-n", env.HostName, "-o", "link", "show", "type", "veth").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [PrivilegedFact]
    public void CreateSandbox_SameNameAgain_SameAddress()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        var first = env.Engine.CreateSandbox(new SandboxSpec("web-1") { Networks = ["net0"] });
        env.Engine.RemoveSandbox("web-1", force: false);
        var second = env.Engine.CreateSandbox(new SandboxSpec("web-1") { Networks = ["net0"] });
        Assert.Equal(first.Endpoints[0].Address4, second.Endpoints[0].Address4);
        Assert.Equal(first.Endpoints[0].Address6, second.Endpoints[0].Address6);
        Assert.NotEqual(first.Endpoints[0].HostInterface, second.Endpoints[0].HostInterface);
    }
}
