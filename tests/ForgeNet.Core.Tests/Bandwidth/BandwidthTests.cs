using System.Net;
using ForgeNet.Core.Drivers;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Kernel;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;
using Xunit.Abstractions;

namespace ForgeNet.Core.Tests.Bandwidth;

/// <summary>
/// limits.bandwidth on real sandboxes in a throwaway host namespace, measured with iperf3 between two sandboxes on one
/// network: into the sandbox a TBF on its host-side veth, out of it an ifb with a TBF. Traffic stays on the test's bridge.
/// </summary>
public sealed class BandwidthTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.20;

    private static NetworkPolicy Limited(string limits) => PolicyLoader.Parse(
        $"version: 1\nmode: internal\nlimits:\n  bandwidth: {limits}\n", "test.yaml").Policy;

    private static readonly NetworkPolicy Unlimited = PolicyLoader.Parse("version: 1\nmode: internal\n", "test.yaml").Policy;

    private static IPAddress V4(SandboxInfo sandbox) => IpPrefix.Parse(sandbox.Endpoints[0].Address4!).Address;

    [PrivilegedFact]
    public void CreateSandbox_TwentyMbitInAndOut_Iperf3BothWaysWithinTwentyPercent_UnlimitedPeerMuchFaster()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var limited = env.Engine.CreateSandbox(new SandboxSpec("limited") { Networks = ["net0"], Policy = Limited("{in: 20mbit, out: 20mbit}") });
        env.Engine.CreateSandbox(new SandboxSpec("free") { Networks = ["net0"] });
        var server = env.Engine.CreateSandbox(new SandboxSpec("server") { Networks = ["net0"] });
        using var nsLimited = env.OpenSandbox("limited");
        using var nsFree = env.OpenSandbox("free");
        using var nsServer = env.OpenSandbox("server");

        double outOf, into, free;
        using (var iperf = Iperf3.Serve(nsServer.StartProcess, V4(server)))
        {
            outOf = iperf.Measure(nsLimited.StartProcess, reverse: false, seconds: 3);
            into = iperf.Measure(nsLimited.StartProcess, reverse: true, seconds: 3);
            free = iperf.Measure(nsFree.StartProcess, reverse: false, seconds: 1);
        }

        output.WriteLine($"limit 20 Mbit/s: out of the sandbox {outOf / 1e6:F2}, into it {into / 1e6:F2}; unlimited peer {free / 1e6:F0} Mbit/s");
        output.WriteLine(env.Engine.ShowPolicy("limited").Bandwidth);
        AssertNear(20e6, outOf, "out of the sandbox");
        AssertNear(20e6, into, "into the sandbox");
        Assert.True(free > 5 * 20e6, $"the unlimited sandbox reached only {free / 1e6:F1} Mbit/s: the limit is not what holds the others back");
        using var host = env.Host.Run(RtNetlink.Open);
        var ifb = host.GetLink(BandwidthPlan.IfbName(limited.Endpoints[0].HostInterface));
        Assert.NotNull(ifb);
        Assert.Equal("ifb", ifb.Kind);
        Assert.Equal(0x464EU, ifb.Group);
        Assert.Equal($"forgenet:{env.Engine.InstanceId}:{limited.Id}", ifb.Alias);
        Assert.Single(IfbsIn(env)); // the unlimited sandboxes got none
    }

    [PrivilegedFact]
    public void ApplyPolicy_AddChangeRemoveBandwidth_ObservedEachTime()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var client = env.Engine.CreateSandbox(new SandboxSpec("client") { Networks = ["net0"], Policy = Unlimited });
        var server = env.Engine.CreateSandbox(new SandboxSpec("server") { Networks = ["net0"] });
        using var nsClient = env.OpenSandbox("client");
        using var nsServer = env.OpenSandbox("server");
        using var iperf = Iperf3.Serve(nsServer.StartProcess, V4(server));
        var port = client.Endpoints[0].HostInterface;

        env.Engine.ApplyPolicy("client", Limited("{in: 20mbit, out: {rate: 20mbit, burst: 256kbit}}"));
        AssertNear(20e6, iperf.Measure(nsClient.StartProcess, reverse: false, seconds: 2), "added: out");
        AssertNear(20e6, iperf.Measure(nsClient.StartProcess, reverse: true, seconds: 2), "added: in");
        var shown = env.Engine.ShowPolicy("client").Bandwidth;
        Assert.Matches($@"^{port} in: 20mbit, burst 2[45]\d{{4}} bytes \(tbf on {port}, \d+ bytes sent", shown);
        Assert.Matches($@"\n{port} out: 20mbit, burst 3\d{{4}} bytes \(tbf on fvi", shown);

        env.Engine.ApplyPolicy("client", Limited("{in: 40mbit, out: 30mbit}"));
        AssertNear(30e6, iperf.Measure(nsClient.StartProcess, reverse: false, seconds: 2), "changed: out");
        AssertNear(40e6, iperf.Measure(nsClient.StartProcess, reverse: true, seconds: 2), "changed: in");
        Assert.Single(IfbsIn(env));

        env.Engine.ApplyPolicy("client", Limited("{out: 20mbit}"));
        Assert.True(iperf.Measure(nsClient.StartProcess, reverse: true, seconds: 1) > 5 * 40e6, "in: limit removed");
        AssertNear(20e6, iperf.Measure(nsClient.StartProcess, reverse: false, seconds: 2), "out: still limited");

        env.Engine.ApplyPolicy("client", Unlimited);
        Assert.True(iperf.Measure(nsClient.StartProcess, reverse: false, seconds: 1) > 5 * 40e6, "out: limit removed");
        Assert.Empty(IfbsIn(env));
        Assert.Equal($"{port} in: unlimited\n{port} out: unlimited\n", env.Engine.ShowPolicy("client").Bandwidth);
    }

    [PrivilegedFact]
    public void ApplyPolicy_ShapingFailsOnSecondNetwork_OldLimitsAndPolicyStay()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateNetwork(new NetworkSpec("net1") { Internal = true });
        var box = env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0", "net1"], Policy = Limited("{in: 10mbit}") });
        var before = env.Engine.ShowPolicy("box");
        // A link that is not ours under the name the second endpoint's ifb would take: the change must not use it.
        var taken = BandwidthPlan.IfbName(box.Endpoints[1].HostInterface);
        Probe.Ip("-n", env.HostName, "link", "add", taken, "type", "bridge");

        var e = Assert.Throws<Errors.ForgeException>(() => env.Engine.ApplyPolicy("box", Limited("{in: 20mbit, out: 20mbit}")));

        Assert.Equal(Errors.ErrorKind.AlreadyExists, e.Kind);
        Assert.Contains($"link {taken} exists and is not this sandbox's ifb", e.Message);
        var after = env.Engine.ShowPolicy("box");
        Assert.Equal(before.PolicyYaml, after.PolicyYaml);
        foreach (var endpoint in box.Endpoints)
        {
            Assert.Contains($"{endpoint.HostInterface} in: 10mbit, burst", after.Bandwidth);
            Assert.Contains($"{endpoint.HostInterface} out: unlimited", after.Bandwidth);
        }
        Assert.Empty(IfbsIn(env)); // the first endpoint's new ifb went again
        Assert.Contains(taken, Probe.Ip("-n", env.HostName, "-o", "link", "show", "type", "bridge"));
        env.Engine.RemoveSandbox("box", force: false);
        Assert.Contains(taken, Probe.Ip("-n", env.HostName, "-o", "link", "show", "type", "bridge")); // teardown leaves it alone too
    }

    [PrivilegedFact]
    public void RemoveSandbox_Limited_NoIfbLeft()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateNetwork(new NetworkSpec("net1") { Internal = true });
        env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0", "net1"], Policy = Limited("{out: 5mbit}") });
        Assert.Equal(2, IfbsIn(env).Count);
        env.Engine.RemoveSandbox("box", force: false);
        LifecycleTests.AssertNothingLeft(env, "box", "net0");
        Assert.Empty(IfbsIn(env));
    }

    [PrivilegedFact]
    public void CollectGarbage_IfbOfSandboxWithoutRecord_Removed()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var leaked = env.Engine.CreateSandbox(new SandboxSpec("leaked") { Networks = ["net0"], Policy = Limited("{out: 5mbit}") });
        env.Engine.CreateSandbox(new SandboxSpec("kept") { Networks = ["net0"], Policy = Limited("{out: 5mbit}") });
        // The records go as if a crash had come between them and the kernel objects.
        using (var store = ForgeNet.Core.Store.ForgeStore.Open(env.StateDirectory))
            store.Write(() => store.DeleteSandbox(leaked.Id));

        var report = env.Engine.CollectGarbage();

        var ifb = BandwidthPlan.IfbName(leaked.Endpoints[0].HostInterface);
        Assert.Contains($"link {ifb} (sandbox {leaked.Id} has no record)", report.Removed);
        Assert.Equal([BandwidthPlan.IfbName(env.Engine.InspectSandbox("kept").Endpoints[0].HostInterface)], IfbsIn(env));
    }

    [PrivilegedTheory]
    [InlineData("route:net1")]
    [InlineData("bandwidth")]
    [InlineData("ready")]
    public void CreateSandbox_LimitedFaultAtStep_LeavesNoIfb(string step)
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        env.Engine.CreateNetwork(new NetworkSpec("net1") { Internal = true });
        var faulty = env.Open(o => o with { FaultAt = step });
        var spec = new SandboxSpec("box") { Networks = ["net0", "net1"], Policy = Limited("{in: 5mbit, out: 5mbit}") };
        var e = Assert.Throws<Errors.ForgeException>(() => faulty.CreateSandbox(spec));
        Assert.EndsWith($"injected fault at {step}", e.Message);
        LifecycleTests.AssertNothingLeft(env, "box", "net0");
        Assert.Empty(IfbsIn(env));
        env.Engine.CreateSandbox(spec);
        Assert.Equal(2, IfbsIn(env).Count);
    }

    [PrivilegedFact]
    public void CreateSandbox_BandwidthTheKernelCannotHold_InvalidAndNothingLeft()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var e = Assert.Throws<Errors.ForgeException>(() =>
            env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0"], Policy = Limited("{out: 10bit}") }));
        Assert.Equal(Errors.ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("raise the rate", e.Message);
        LifecycleTests.AssertNothingLeft(env, "box", "net0");
        Assert.Empty(IfbsIn(env));
    }

    private static void AssertNear(double limit, double measured, string what) =>
        Assert.True(Math.Abs(measured - limit) <= limit * Tolerance,
            $"{what}: {measured / 1e6:F2} Mbit/s, limit {limit / 1e6:F0} Mbit/s ± {Tolerance:P0}");

    private static List<string> IfbsIn(EngineSandbox env)
    {
        using var host = env.Host.Run(RtNetlink.Open);
        return host.ListLinks().Where(l => l.Kind == "ifb").Select(l => l.Name).ToList();
    }
}
