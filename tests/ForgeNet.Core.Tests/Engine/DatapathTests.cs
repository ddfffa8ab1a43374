using System.Net;
using ForgeNet.Core.Model;
using ForgeNet.Kernel;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

public class DatapathTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(3);

    private static IPAddress Address(string? prefix) => IpPrefix.Parse(prefix!).Address;

    [PrivilegedFact]
    public void CreateSandbox_TwoOnOneNetwork_ReachEachOtherOverIpv4AndIpv6()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        var b = env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net0"] });
        using var nsA = env.OpenSandbox("a");
        using var nsB = env.OpenSandbox("b");
        foreach (var (addressOfB, what) in new[] { (Address(b.Endpoints[0].Address4), "IPv4"), (Address(b.Endpoints[0].Address6), "IPv6") })
        {
            using var listener = Probe.Listen(nsB, addressOfB);
            Assert.True(Probe.RoundTrip(nsA, listener, addressOfB, Quick), $"{what}: a cannot reach b at {addressOfB}");
            listener.Stop();
        }
        Assert.NotEqual(a.Endpoints[0].Address4, b.Endpoints[0].Address4);
    }

    [PrivilegedFact]
    public void CreateSandbox_DifferentNetworks_CannotReach()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net1"));
        env.Engine.CreateNetwork(new NetworkSpec("net2"));
        env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net1"] });
        var b = env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net2"] });
        env.Engine.CreateSandbox(new SandboxSpec("c") { Networks = ["net2"] });
        using var nsA = env.OpenSandbox("a");
        using var nsB = env.OpenSandbox("b");
        using var nsC = env.OpenSandbox("c");
        var addressOfB = Address(b.Endpoints[0].Address4);
        using var listener = Probe.Listen(nsB, IPAddress.Any);
        // The positive control proves the listener works, so the negative result means isolation.
        Assert.True(Probe.RoundTrip(nsC, listener, addressOfB, Quick));
        Assert.False(Probe.RoundTrip(nsA, listener, addressOfB, TimeSpan.FromSeconds(2)));
    }

    [PrivilegedFact]
    public void CreateSandbox_LoopbackOnly_OnlyLoAndNoReachToHost()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var info = env.Engine.CreateSandbox(new SandboxSpec("box"));
        Assert.Equal(IsolationMode.LoopbackOnly, info.Isolation);
        Assert.Empty(info.Endpoints);
        var links = Probe.Ip("-n", env.Prefix + "box", "-o", "link", "show");
        var only = Assert.Single(links.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(": lo:", only);
        Assert.Contains("UP", only);
        using var ns = env.OpenSandbox("box");
        using var hostListener = Probe.Listen(env.Host, IPAddress.Any);
        Assert.False(Probe.RoundTrip(ns, hostListener, IPAddress.Parse(net.Gateway4!), TimeSpan.FromSeconds(1)));
        using var own = Probe.Listen(ns, IPAddress.Loopback);
        Assert.True(Probe.RoundTrip(ns, own, IPAddress.Loopback, Quick));
    }

    [PrivilegedFact]
    public void CreateSandbox_InternalNetwork_OnLinkRouteOnly()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("inner") { Internal = true, Subnet4 = "10.99.7.0/24" });
        env.Engine.CreateNetwork(new NetworkSpec("outer") { Subnet4 = "10.99.8.0/24" });
        env.Engine.CreateSandbox(new SandboxSpec("in") { Networks = ["inner"] });
        env.Engine.CreateSandbox(new SandboxSpec("out") { Networks = ["outer"] });
        var inner = Probe.Ip("-n", env.Prefix + "in", "-4", "route", "show");
        Assert.DoesNotContain("default", inner);
        Assert.Contains("10.99.7.0/24 dev eth0", inner);
        Assert.Contains("default via 10.99.8.1 dev eth0", Probe.Ip("-n", env.Prefix + "out", "-4", "route", "show"));
    }

    [PrivilegedFact]
    public void CreateSandbox_TwoNetworks_EthPerNetworkWithMacAndMtu()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("n1") { Mtu = 1400 });
        env.Engine.CreateNetwork(new NetworkSpec("n2"));
        var info = env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["n1", "n2"], RequestedAddresses = ["10.89.1.77"] });
        Assert.Equal(["eth0", "eth1"], info.Endpoints.Select(e => e.Interface));
        Assert.Equal("10.89.1.77/24", info.Endpoints[1].Address4);
        var eth0 = Probe.Ip("-n", env.Prefix + "box", "-o", "link", "show", "eth0");
        Assert.Contains("mtu 1400", eth0);
        Assert.Contains(info.Endpoints[0].Mac, eth0);
        var host = Probe.Ip("-n", env.HostName, "-d", "-o", "link", "show", info.Endpoints[0].HostInterface);
        Assert.Contains("master fn-", host);
        Assert.Contains("forgenet:", host);
        var routes = Probe.Ip("-n", env.Prefix + "box", "-4", "route", "show", "default");
        Assert.Contains("default via 10.89.0.1 dev eth0 metric 100", routes);
        Assert.Contains("default via 10.89.1.1 dev eth1 metric 101", routes);
        using var ns = env.OpenSandbox("box");
        Assert.Equal("0", ns.ReadSysctl("net.ipv6.conf.all.accept_ra"));
        Assert.Equal("0", ns.ReadSysctl("net/ipv6/conf/eth0/accept_ra"));
        Assert.Equal("0", ns.ReadSysctl("net/ipv6/conf/eth1/autoconf"));
        Assert.Equal("0", ns.ReadSysctl("net.ipv4.conf.all.accept_redirects"));
    }
}
