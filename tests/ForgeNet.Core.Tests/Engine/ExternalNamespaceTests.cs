using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

public class ExternalNamespaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static SandboxSpec External(string name, RuntimeNamespace ns, string network = "net0") =>
        new(name) { Networks = [network], NamespacePath = ns.Path };

    [PrivilegedFact]
    public void CreateSandbox_ExternalNamespace_InterfaceMacAndAddressInIt()
    {
        using var env = new EngineSandbox();
        using var runtime = new RuntimeNamespace();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.231.0.0/24" });

        var info = env.Engine.CreateSandbox(External("c1", runtime) with
        {
            InterfaceName = "net1",
            Mac = "02:AA:bb:cc:dd:01",
            ContainerId = "abc123",
            RequestedAddresses = ["10.231.0.9"],
        });

        Assert.True(info.ExternalNamespace);
        Assert.Equal(runtime.Path, info.NamespacePath);
        Assert.Equal("abc123", info.ContainerId);
        var endpoint = Assert.Single(info.Endpoints);
        Assert.Equal("net1", endpoint.Interface);
        Assert.Equal("02:aa:bb:cc:dd:01", endpoint.Mac);
        Assert.Equal("10.231.0.9/24", endpoint.Address4);
        Assert.Contains("net1@", runtime.Links());
        Assert.Contains("02:aa:bb:cc:dd:01", runtime.Links());
        Assert.Contains("inet 10.231.0.9/24", runtime.Addresses());
        Assert.Contains("default via 10.231.0.1 dev net1", Probe.Ip("-n", runtime.Name, "route", "show"));
        // No namespace of ForgeNet's was made for it.
        Assert.Empty(env.OurNamespaces());
        Assert.Equivalent(info, env.Engine.InspectSandbox("c1"), strict: true);
    }

    [PrivilegedFact]
    public void CreateSandbox_TwoExternalNamespaces_TrafficBetweenThem()
    {
        using var env = new EngineSandbox();
        using var a = new RuntimeNamespace();
        using var b = new RuntimeNamespace();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(External("a", a));
        var infoB = env.Engine.CreateSandbox(External("b", b));
        var addressB = IPAddress.Parse(infoB.Endpoints[0].Address4!.Split('/')[0]);

        using var listener = Probe.Listen(b.Namespace, addressB);

        Assert.True(Probe.RoundTrip(a.Namespace, listener, addressB, Timeout));
        listener.Stop();
    }

    [PrivilegedFact]
    public void RemoveSandbox_ExternalNamespace_NamespaceKeptVethRemoved()
    {
        using var env = new EngineSandbox();
        using var runtime = new RuntimeNamespace();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var info = env.Engine.CreateSandbox(External("c1", runtime));
        using var sleeper = runtime.Namespace.StartProcess(new System.Diagnostics.ProcessStartInfo("sleep", "30"));
        try
        {
            // A runtime's processes are its own: no InUse, nothing killed.
            env.Engine.RemoveSandbox("c1", force: false);

            Assert.False(sleeper.HasExited);
            Assert.Contains(runtime.Name, NetNs.ListNamed());
            Assert.DoesNotContain("eth0", runtime.Links());
            Assert.DoesNotContain(info.Endpoints[0].HostInterface, Probe.Ip("-n", env.HostName, "-o", "link", "show"));
            LifecycleTests.AssertNothingLeft(env, "c1", "net0");
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [PrivilegedFact]
    public void RemoveSandbox_ExternalNamespaceAlreadyDeleted_Succeeds()
    {
        using var env = new EngineSandbox();
        using var runtime = new RuntimeNamespace();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(External("c1", runtime));
        Assert.True(runtime.Delete());

        env.Engine.RemoveSandbox("c1", force: false);

        LifecycleTests.AssertNothingLeft(env, "c1", "net0");
    }

    [PrivilegedFact]
    public void CollectGarbage_ExternalNamespaceVanished_Released()
    {
        using var env = new EngineSandbox();
        using var gone = new RuntimeNamespace();
        // A runtime's namespace that happens to carry our prefix must survive gc while its sandbox lives.
        using var kept = new RuntimeNamespace(env.Prefix + "runtime");
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(External("gone", gone));
        var keptInfo = env.Engine.CreateSandbox(External("kept", kept));
        Assert.Empty(env.Engine.CollectGarbage().Removed);
        gone.Delete();

        var report = env.Engine.CollectGarbage();

        Assert.Equal([$"sandbox gone (namespace {gone.Path} vanished)"], report.Removed);
        Assert.Contains(kept.Name, NetNs.ListNamed());
        Assert.Equivalent(keptInfo, env.Engine.InspectSandbox("kept"), strict: true);
        Assert.DoesNotContain(env.Engine.ListSandboxes(), s => s.Name == "gone");
        Assert.True(Probe.Eventually(() => Probe.Ip("-n", env.HostName, "-o", "link", "show", "type", "veth").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, Timeout));
    }

    [PrivilegedFact]
    public void CreateSandbox_SameContainerAndInterface_AlreadyExistsAndFindAttachmentReturnsFirst()
    {
        using var env = new EngineSandbox();
        using var runtime = new RuntimeNamespace();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateNetwork(new NetworkSpec("net1"));
        var first = env.Engine.CreateSandbox(External("c1-a", runtime) with { ContainerId = "ctr1" });

        var again = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(External("c1-b", runtime, "net1") with { ContainerId = "ctr1" }));
        var second = env.Engine.CreateSandbox(External("c1-c", runtime, "net1") with { ContainerId = "ctr1", InterfaceName = "eth1" });

        Assert.Equal(ErrorKind.AlreadyExists, again.Kind);
        Assert.Contains("container ctr1 already has interface eth0", again.Message);
        Assert.Equivalent(first, env.Engine.FindAttachment("ctr1", "eth0"), strict: true);
        Assert.Equivalent(second, env.Engine.FindAttachment("ctr1", "eth1"), strict: true);
        Assert.Null(env.Engine.FindAttachment("ctr1", "eth2"));
        Assert.Null(env.Engine.FindAttachment("ctr2", "eth0"));
        // Both default routes coexist; the first attachment's is preferred.
        var routes = Probe.Ip("-n", runtime.Name, "route", "show", "default").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, routes.Length);
        Assert.Contains("dev eth0", routes[0]);
        Assert.Contains("dev eth1", routes[1]);
    }

    [PrivilegedFact]
    public void CreateSandbox_InterfaceNameTakenInNamespace_UndoneWithoutTouchingNamespace()
    {
        using var env = new EngineSandbox();
        using var runtime = new RuntimeNamespace();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        Probe.Ip("-n", runtime.Name, "link", "add", "eth0", "type", "bridge");

        var error = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(External("c1", runtime)));

        Assert.Contains("File exists", error.Message);
        Assert.Contains("eth0", runtime.Links());
        Assert.Contains(runtime.Name, NetNs.ListNamed());
        LifecycleTests.AssertNothingLeft(env, "c1", "net0");
    }

    [PrivilegedFact]
    public void CreateSandbox_BadExternalOptions_RefusedBeforeAnyChange()
    {
        using var env = new EngineSandbox();
        using var runtime = new RuntimeNamespace();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));

        AssertRefused(env, External("x", runtime) with { NamespacePath = env.Host.Path }, ErrorKind.InvalidArgument, "host namespace");
        AssertRefused(env, External("x", runtime) with { NamespacePath = "/run/netns/" + TestNames.Unique("none") }, ErrorKind.NotFound, "not found");
        AssertRefused(env, External("x", runtime) with { NamespacePath = "/etc/hostname" }, ErrorKind.InvalidArgument, "not a network namespace");
        AssertRefused(env, External("x", runtime) with { NamespacePath = "relative/ns" }, ErrorKind.InvalidArgument, "absolute");
        AssertRefused(env, External("x", runtime) with { Networks = [] }, ErrorKind.InvalidArgument, "at least one network");
        AssertRefused(env, External("x", runtime) with { InterfaceName = "a-very-long-name0" }, ErrorKind.InvalidArgument, "interface name");
        AssertRefused(env, External("x", runtime) with { InterfaceName = "a/b" }, ErrorKind.InvalidArgument, "interface name");
        AssertRefused(env, External("x", runtime) with { Mac = "03:00:00:00:00:01" }, ErrorKind.InvalidArgument, "unicast");
        AssertRefused(env, External("x", runtime) with { Mac = "02:00:00:00:01" }, ErrorKind.InvalidArgument, "six hex pairs");
        AssertRefused(env, External("x", runtime) with { ContainerId = "-bad" }, ErrorKind.InvalidArgument, "container id");
        Assert.Empty(env.Engine.ListSandboxes());
        Assert.Equal("", Probe.Ip("-n", env.HostName, "-o", "link", "show", "type", "veth").Trim());
    }

    private static void AssertRefused(EngineSandbox env, SandboxSpec spec, ErrorKind kind, string text)
    {
        var error = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(spec));
        Assert.Equal(kind, error.Kind);
        Assert.Contains(text, error.Message);
    }
}
