using System.Net;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.PeerPolicyTests;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Mode private: NAT out through the throwaway host to a test "upstream" namespace, egress rules still applied.</summary>
public class PrivateModeTests
{
    private const string Public = "198.19.5.5";

    // One address in each range the public-internet preset leaves out, plus the cloud metadata address.
    private static readonly string[] NotPublic = ["10.255.0.1", "172.31.0.1", "192.168.255.1", "100.64.0.1", "169.254.169.254", "192.0.0.9"];

    [PrivilegedFact]
    public void Private_PublicInternet_UpstreamReachedPrivateRangesMetadataAndHostNot()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.43.0/24" });
        using var upstream = new Upstream(env, [Public, .. NotPublic]);
        env.Engine.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = FirewallSamples.Parse("version: 1\nmode: private\negress: public-internet\n") });
        env.Engine.CreateSandbox(new SandboxSpec("open") { Networks = ["net0"], Policy = FirewallSamples.Parse("version: 1\nmode: private\negress:\n  - to: [0.0.0.0/0]\n") });
        Assert.Equal("1", env.Host.ReadSysctl("net.ipv4.ip_forward"));
        using var agent = env.OpenSandbox("agent");
        using var open = env.OpenSandbox("open");
        using var internet = Listen(upstream.Namespace, IPAddress.Any, 8080);
        using var host = Listen(env.Host, IPAddress.Any, 8080);

        var client = Connect(agent, IPAddress.Parse(Public), 8080, null, Allowed);
        Assert.NotNull(client);
        using (client)
        using (var accepted = internet.AcceptSocket())
            Assert.Equal(Upstream.HostSide, ((IPEndPoint)accepted.RemoteEndPoint!).Address.MapToIPv4());
        foreach (var target in NotPublic.Select(IPAddress.Parse))
        {
            // The positive control proves the address is reachable through the host at all.
            Assert.True(Tcp(open, internet, target), $"open -> {target}");
            Assert.False(Tcp(agent, internet, target, timeout: Denied), $"agent -> {target}");
        }
        Assert.True(Tcp(open, host, Upstream.HostSide), "open -> the host's own address");
        Assert.False(Tcp(agent, host, Upstream.HostSide, timeout: Denied), "agent -> the host's own address");
    }

    [PrivilegedFact]
    public void Private_EgressRules_StillAppliedToTranslatedTraffic()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.44.0/24" });
        using var upstream = new Upstream(env, Public);
        env.Engine.CreateSandbox(new SandboxSpec("job") { Networks = ["net0"], Policy = FirewallSamples.Parse($"""
            version: 1
            mode: private
            egress:
              - to: [{Public}]
                ports: [8080/tcp]
            """) });
        using var job = env.OpenSandbox("job");
        using var allowed = Listen(upstream.Namespace, IPAddress.Any, 8080);
        using var other = Listen(upstream.Namespace, IPAddress.Any, 8081);
        Assert.True(Tcp(job, allowed, IPAddress.Parse(Public)));
        Assert.False(Tcp(job, other, IPAddress.Parse(Public), timeout: Denied));
        Assert.False(Tcp(job, allowed, Upstream.Near, timeout: Denied), "another upstream address");
        Assert.False(Ping(job, IPAddress.Parse(Public), Denied));
    }

    [PrivilegedFact]
    public void Private_LongCidrList_HashSetsPerPrefixLengthMatch()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.55.0/24" });
        using var upstream = new Upstream(env, Public, "198.19.200.9", "198.19.77.1");
        // 1,200 /28s and one /24 around the target: hash sets for /28 and /24, looked up through masks.
        var cidrs = Enumerable.Range(0, 1200).Select(i => $"198.19.{100 + i / 8}.{i % 8 * 32}/28").Append("198.19.5.0/24").Append("198.19.77.1/32");
        env.Engine.CreateSandbox(new SandboxSpec("job") { Networks = ["net0"], Policy = FirewallSamples.Parse(
            $"version: 1\nmode: private\negress:\n  - to: [{string.Join(", ", cidrs)}]\n    ports: [8080/tcp]\n") });
        using var job = env.OpenSandbox("job");
        using var listener = Listen(upstream.Namespace, IPAddress.Any, 8080);
        Assert.True(Tcp(job, listener, IPAddress.Parse(Public)), "in the /24");
        Assert.True(Tcp(job, listener, IPAddress.Parse("198.19.77.1")), "the /32");
        Assert.True(Tcp(job, listener, IPAddress.Parse("198.19.200.9")), "in a /28 (198.19.200.0/28)");
        Assert.False(Tcp(job, listener, Upstream.Near, timeout: Denied), "in none");
        var rules = Probe.Nft(env.HostName, "list", "chain", "inet", "forgenet", $"ep-{env.Engine.InspectSandbox("job").Endpoints[0].HostInterface}-eg");
        Assert.Contains("ip daddr & 255.255.255.240 == @", rules);
    }

    [PrivilegedFact]
    public void Internal_ForwardingOn_NoRouteOffTheHostWhateverTheRules()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.45.0/24" });
        using var upstream = new Upstream(env, Public);
        var rule = $"egress:\n  - to: [{Public}]\n";
        env.Engine.CreateSandbox(new SandboxSpec("out") { Networks = ["net0"], Policy = FirewallSamples.Parse("version: 1\nmode: private\n" + rule) });
        env.Engine.CreateSandbox(new SandboxSpec("in") { Networks = ["net0"], Policy = FirewallSamples.Parse("version: 1\nmode: internal\n" + rule) });
        using var nsOut = env.OpenSandbox("out");
        using var nsIn = env.OpenSandbox("in");
        using var listener = Listen(upstream.Namespace, IPAddress.Any, 8080);
        Assert.True(Tcp(nsOut, listener, IPAddress.Parse(Public)), "private, forwarding on");
        Assert.False(Tcp(nsIn, listener, IPAddress.Parse(Public), timeout: Denied), "internal, same network, same rule");
    }

    [PrivilegedFact]
    public void ApplyPolicy_InternalToPrivate_GainsTheRouteOff()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.46.0/24" });
        using var upstream = new Upstream(env, Public);
        env.Engine.CreateSandbox(new SandboxSpec("s") { Networks = ["net0"] });
        using var ns = env.OpenSandbox("s");
        using var listener = Listen(upstream.Namespace, IPAddress.Any, 8080);
        env.Host.WriteSysctl("net.ipv4.ip_forward", "1");
        Assert.False(Tcp(ns, listener, IPAddress.Parse(Public), timeout: Denied));
        var updated = env.Engine.ApplyPolicy("s", FirewallSamples.Parse("version: 1\nmode: private\negress: public-internet\n"));
        Assert.Equal(IsolationMode.Private, updated.Isolation);
        Assert.True(Tcp(ns, listener, IPAddress.Parse(Public)));
        env.Engine.ApplyPolicy("s", FirewallSamples.Internal);
        Assert.False(Tcp(ns, listener, IPAddress.Parse(Public), timeout: Denied));
    }
}
