using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

public class NetworkTests
{
    [PrivilegedFact]
    public void CreateNetwork_Defaults_BridgeUpWithGatewaysAndNoRa()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        Assert.Equal("10.89.0.0/24", net.Subnet4);
        Assert.Equal("10.89.0.1", net.Gateway4);
        Assert.StartsWith("fd", net.Subnet6);
        Assert.EndsWith("::/64", net.Subnet6);
        Assert.Equal(1500, net.Mtu);
        Assert.Matches("^fn-[0-9a-f]{8}$", net.BridgeName);
        var addresses = Probe.Ip("-n", env.HostName, "-o", "addr", "show", "dev", net.BridgeName);
        Assert.Contains("inet 10.89.0.1/24", addresses);
        Assert.Contains($"inet6 {net.Gateway6}/64", addresses);
        Assert.Contains("state UP", Probe.Ip("-n", env.HostName, "-o", "link", "show", net.BridgeName).Replace("state UNKNOWN", "state UP").Replace("state DOWN", "state UP"));
        Assert.Equal("0", env.Host.ReadSysctl($"net/ipv6/conf/{net.BridgeName}/accept_ra"));
        Assert.Equal(net, env.Engine.InspectNetwork("net0"));
    }

    [PrivilegedFact]
    public void CreateNetwork_DefaultSubnet_SkipsForgeNetworksAndHostRoutes()
    {
        using var env = new EngineSandbox();
        Probe.Ip("-n", env.HostName, "link", "add", "fnt-d0", "type", "veth", "peer", "name", "fnt-d0p");
        Probe.Ip("-n", env.HostName, "link", "set", "fnt-d0", "up");
        Probe.Ip("-n", env.HostName, "addr", "add", "10.89.1.5/24", "dev", "fnt-d0");
        Assert.Equal("10.89.0.0/24", env.Engine.CreateNetwork(new NetworkSpec("a")).Subnet4);
        Assert.Equal("10.89.2.0/24", env.Engine.CreateNetwork(new NetworkSpec("b")).Subnet4);
        var e = Assert.Throws<ForgeException>(() => env.Engine.CreateNetwork(new NetworkSpec("c") { Subnet4 = "10.89.1.128/25" }));
        Assert.Equal(ErrorKind.InUse, e.Kind);
        Assert.Contains("host route", e.Message);
        e = Assert.Throws<ForgeException>(() => env.Engine.CreateNetwork(new NetworkSpec("c") { Subnet4 = "10.89.0.0/16" }));
        Assert.Contains("overlaps network a", e.Message);
    }

    [PrivilegedFact]
    public void CreateNetwork_BadInput_ErrorsAndChangesNothing()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        (NetworkSpec Spec, ErrorKind Kind)[] cases =
        [
            (new NetworkSpec("-bad"), ErrorKind.InvalidArgument),
            (new NetworkSpec("net0"), ErrorKind.AlreadyExists),
            (new NetworkSpec("x") { Subnet4 = "10.1.0.0" }, ErrorKind.InvalidArgument),
            (new NetworkSpec("x") { Subnet4 = "10.1.0.0/31" }, ErrorKind.InvalidArgument),
            (new NetworkSpec("x") { Subnet4 = "10.0.0.0/7" }, ErrorKind.InvalidArgument),
            (new NetworkSpec("x") { Subnet4 = "fd00::/64" }, ErrorKind.InvalidArgument),
            (new NetworkSpec("x") { Subnet6 = "fd00::/48" }, ErrorKind.InvalidArgument),
            (new NetworkSpec("x") { Subnet6 = "fd00::/126" }, ErrorKind.InvalidArgument),
            (new NetworkSpec("x") { Subnet6 = "nonsense" }, ErrorKind.InvalidArgument),
            (new NetworkSpec("x") { Ipv6 = true, Mtu = 1000 }, ErrorKind.InvalidArgument),
            (new NetworkSpec("x") { Mtu = 70000 }, ErrorKind.InvalidArgument),
        ];
        foreach (var (spec, kind) in cases)
        {
            var e = Assert.Throws<ForgeException>(() => env.Engine.CreateNetwork(spec));
            Assert.True(kind == e.Kind, $"{spec}: {e.Kind} {e.Message}");
            Assert.StartsWith($"create network {spec.Name}: ", e.Message);
        }
        Assert.Single(env.Engine.ListNetworks());
        Assert.Single(Probe.Ip("-n", env.HostName, "-o", "link", "show", "type", "bridge").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [PrivilegedFact]
    public void RemoveNetwork_WithSandbox_InUseUnlessForce()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["net0"] });
        var e = Assert.Throws<ForgeException>(() => env.Engine.RemoveNetwork("net0", force: false));
        Assert.Equal(ErrorKind.InUse, e.Kind);
        Assert.Contains("box", e.Message);
        env.Engine.RemoveNetwork("net0", force: true);
        Assert.Empty(env.Engine.ListNetworks());
        Assert.Empty(env.Engine.ListSandboxes());
        Assert.Empty(env.OurNamespaces());
        Assert.DoesNotContain(net.BridgeName, Probe.Ip("-n", env.HostName, "-o", "link", "show"));
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<ForgeException>(() => env.Engine.RemoveNetwork("net0", false)).Kind);
    }

    [PrivilegedFact]
    public void PruneNetworks_SomeUsed_RemovesOnlyUnused()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("used"));
        env.Engine.CreateNetwork(new NetworkSpec("idle"));
        env.Engine.CreateSandbox(new SandboxSpec("box") { Networks = ["used"] });
        Assert.Equal(["idle"], env.Engine.PruneNetworks());
        Assert.Equal(["used"], env.Engine.ListNetworks().Select(n => n.Name));
        Assert.Equal(1, env.Engine.InspectNetwork("used").EndpointCount);
    }
}
