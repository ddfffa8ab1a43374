using System.Net;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Kernel;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Peer policy on one bridge, through the engine, with real traffic in a throwaway host namespace.</summary>
public class PeerPolicyTests
{
    internal static IPAddress V4(SandboxInfo s) => IpPrefix.Parse(s.Endpoints[0].Address4!).Address;

    internal static IPAddress V6(SandboxInfo s) => IpPrefix.Parse(s.Endpoints[0].Address6!).Address;

    private const string DbPolicy = """
        version: 1
        mode: peer-only
        ingress:
          - from: [{peer: web}]
            ports: [5432/tcp, 5353/udp]
            icmp: [echo-request]
            icmpv6: [echo-request]
        """;

    [PrivilegedFact]
    public void PeerOnly_NamedPeerAndPorts_PassOthersDropped()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        var db = env.Engine.CreateSandbox(new SandboxSpec("db") { Networks = ["net0"], Policy = FirewallSamples.Parse(DbPolicy) });
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"] });
        env.Engine.CreateSandbox(new SandboxSpec("other") { Networks = ["net0"] });
        Assert.Equal(IsolationMode.PeerOnly, db.Isolation);
        using var nsDb = env.OpenSandbox("db");
        using var nsWeb = env.OpenSandbox("web");
        using var nsOther = env.OpenSandbox("other");
        using var allowed = Listen(nsDb, IPAddress.IPv6Any, 5432);
        using var closed = Listen(nsDb, IPAddress.IPv6Any, 5433);

        Assert.True(Tcp(nsWeb, allowed, V4(db)), "web -> db tcp/5432 (IPv4)");
        Assert.True(Tcp(nsWeb, allowed, V6(db)), "web -> db tcp/5432 (IPv6)");
        Assert.False(Tcp(nsWeb, closed, V4(db), timeout: Denied), "web -> db tcp/5433: no rule allows it");
        Assert.False(Tcp(nsOther, allowed, V4(db), timeout: Denied), "other -> db tcp/5432: other is not named");
        Assert.True(Udp(nsWeb, nsDb, V4(db), 5353), "web -> db udp/5353");
        Assert.False(Udp(nsWeb, nsDb, V4(db), 5354, Denied), "web -> db udp/5354");
        Assert.True(Ping(nsWeb, V4(db)), "web pings db (IPv4)");
        Assert.True(Ping(nsWeb, V6(db)), "web pings db (IPv6)");
        Assert.False(Ping(nsOther, V4(db), Denied), "other pings db");
    }

    [PrivilegedFact]
    public void PeerOnly_PeerRoutesThroughTheHostWithForwardingOn_StillJudged()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.52.0/24" });
        var db = env.Engine.CreateSandbox(new SandboxSpec("db") { Networks = ["net0"], Policy = FirewallSamples.Parse(DbPolicy) });
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"] });
        env.Engine.CreateSandbox(new SandboxSpec("other") { Networks = ["net0"] });
        env.Host.WriteSysctl("net.ipv4.ip_forward", "1");
        using var nsDb = env.OpenSandbox("db");
        using var nsWeb = env.OpenSandbox("web");
        using var nsOther = env.OpenSandbox("other");
        // Both send to db through the host (the gateway's MAC) instead of on the link: the host routes it back out.
        foreach (var sandbox in new[] { "web", "other" })
            Probe.Ip("-n", env.Prefix + sandbox, "route", "add", V4(db) + "/32", "via", net.Gateway4!);
        Assert.True(Udp(nsWeb, nsDb, V4(db), 5353), "web -> db udp/5353, routed by the host");
        Assert.False(Udp(nsOther, nsDb, V4(db), 5353, Denied), "other -> db udp/5353, routed by the host");
    }

    [PrivilegedFact]
    public void PeerOnly_NamedPeerRemovedAndMadeAgain_SetFollows()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var db = env.Engine.CreateSandbox(new SandboxSpec("db") { Networks = ["net0"], Policy = FirewallSamples.Parse(DbPolicy) });
        using var nsDb = env.OpenSandbox("db");
        using var listener = Listen(nsDb, IPAddress.Any, 5432);
        var web = env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"] });
        using (var nsWeb = env.OpenSandbox("web"))
            Assert.True(Tcp(nsWeb, listener, V4(db)));
        env.Engine.RemoveSandbox("web", force: false);
        Assert.DoesNotContain(V4(web).ToString(), Probe.Nft(env.HostName, "list", "set", "bridge", "forgenet", "peer4-web"));
        // An unnamed sandbox takes the address over: it is not web.
        env.Engine.CreateSandbox(new SandboxSpec("other") { Networks = ["net0"], RequestedAddresses = [V4(web).ToString()] });
        using (var nsOther = env.OpenSandbox("other"))
            Assert.False(Tcp(nsOther, listener, V4(db), timeout: Denied));
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"] });
        using (var nsWeb = env.OpenSandbox("web"))
            Assert.True(Tcp(nsWeb, listener, V4(db)));
    }

    [PrivilegedFact]
    public void PeerOnly_NoEgressRule_CannotOpenConnectionsToPeers()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("db") { Networks = ["net0"], Policy = FirewallSamples.Parse(DbPolicy) });
        var web = env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"] });
        using var nsDb = env.OpenSandbox("db");
        using var nsWeb = env.OpenSandbox("web");
        using var listener = Listen(nsWeb, IPAddress.Any);
        Assert.False(Tcp(nsDb, listener, V4(web), timeout: Denied), "db -> web: peer-only with no egress rule");
        Assert.False(Ping(nsDb, V4(web), Denied));
    }

    [PrivilegedFact]
    public void Internal_Default_PeersBothWaysButNotTheHost()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        var b = env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net0"] });
        using var nsA = env.OpenSandbox("a");
        using var nsB = env.OpenSandbox("b");
        using var onA = Listen(nsA, IPAddress.IPv6Any);
        using var onB = Listen(nsB, IPAddress.IPv6Any);
        using var onHost = Listen(env.Host, IPAddress.IPv6Any);
        Assert.True(Tcp(nsA, onB, V4(b)));
        Assert.True(Tcp(nsB, onA, V6(a)));
        Assert.True(Udp(nsA, nsB, V4(b), 9999));
        Assert.True(Ping(nsB, V4(a)));
        Assert.False(Tcp(nsA, onHost, IPAddress.Parse(net.Gateway4!), timeout: Denied), "sandbox -> host gateway");
        Assert.False(Tcp(nsA, onHost, IPAddress.Parse(net.Gateway6!), timeout: Denied), "sandbox -> host gateway (IPv6)");
        Assert.False(Ping(nsA, IPAddress.Parse(net.Gateway4!), Denied), "sandbox pings the host");
        Assert.False(Tcp(env.Host, onA, V4(a), timeout: Denied), "host -> sandbox");
    }

    [PrivilegedFact]
    public void Internal_RulesForTheHost_AllowExactlyThosePorts()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.40.0/24" });
        var policy = FirewallSamples.Parse("""
            version: 1
            mode: internal
            ingress:
              - from: [10.99.40.1]
                ports: [9100/tcp]
            egress:
              - to: [10.99.40.1]
                ports: [8080/tcp]
            """);
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"], Policy = policy });
        using var nsA = env.OpenSandbox("a");
        var gateway = IPAddress.Parse(net.Gateway4!);
        using var hostAllowed = Listen(env.Host, IPAddress.Any, 8080);
        using var hostOther = Listen(env.Host, IPAddress.Any, 8081);
        using var exporter = Listen(nsA, IPAddress.Any, 9100);
        using var other = Listen(nsA, IPAddress.Any, 9101);
        Assert.True(Tcp(nsA, hostAllowed, gateway), "sandbox -> host:8080 is allowed");
        Assert.False(Tcp(nsA, hostOther, gateway, timeout: Denied), "sandbox -> host:8081 is not");
        Assert.True(Tcp(env.Host, exporter, V4(a)), "host -> sandbox:9100 is allowed");
        Assert.False(Tcp(env.Host, other, V4(a), timeout: Denied), "host -> sandbox:9101 is not");
    }
}
