using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.PeerPolicyTests;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Published ports: from another host (the upstream namespace), from other sandboxes (hairpin), from the host's loopback.</summary>
public class PublishedPortTests
{
    private const string WebPolicy = """
        version: 1
        mode: private
        ports:
          - 8080:80/tcp
          - 127.0.0.1:9090:9090/tcp
          - 8000-8002:9000-9002/tcp
        """;

    private static readonly IPAddress Loopback = IPAddress.Loopback;

    [PrivilegedFact]
    public void Publish_FromOutsideHostAndOtherSandboxes_Reachable()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.48.0/24" });
        using var upstream = new Upstream(env);
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"], Policy = FirewallSamples.Parse(WebPolicy) });
        env.Engine.CreateSandbox(new SandboxSpec("peer") { Networks = ["net0"] });
        using var web = env.OpenSandbox("web");
        using var nsPeer = env.OpenSandbox("peer");
        using var http = Listen(web, IPAddress.Any, 80);
        var gateway = IPAddress.Parse(net.Gateway4!);

        Assert.True(Forwarded(upstream.Namespace, http, Upstream.HostSide, 8080), "another host -> host:8080");
        Assert.True(Forwarded(env.Host, http, Upstream.HostSide, 8080), "the host -> its own address:8080");
        Assert.True(Forwarded(env.Host, http, Loopback, 8080), "the host -> 127.0.0.1:8080");
        Assert.True(Forwarded(nsPeer, http, gateway, 8080), "a sandbox -> the gateway:8080 (hairpin)");
        Assert.True(Forwarded(nsPeer, http, Upstream.HostSide, 8080), "a sandbox -> the host's other address:8080 (hairpin)");
        using var ranged = Listen(web, IPAddress.Any, 9001);
        Assert.True(Forwarded(upstream.Namespace, ranged, Upstream.HostSide, 8001), "a range maps port to port");
    }

    [PrivilegedFact]
    public void Publish_OnLoopbackOnly_NotReachableFromAnotherNamespace()
    {
        using var env = new EngineSandbox();
        var net = env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.49.0/24" });
        using var upstream = new Upstream(env);
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"], Policy = FirewallSamples.Parse(WebPolicy) });
        env.Engine.CreateSandbox(new SandboxSpec("peer") { Networks = ["net0"] });
        using var web = env.OpenSandbox("web");
        using var nsPeer = env.OpenSandbox("peer");
        using var admin = Listen(web, IPAddress.Any, 9090);
        Assert.True(Forwarded(env.Host, admin, Loopback, 9090), "the host -> 127.0.0.1:9090");
        Assert.False(Forwarded(upstream.Namespace, admin, Upstream.HostSide, 9090, Denied), "another host -> host:9090");
        Assert.False(Forwarded(nsPeer, admin, IPAddress.Parse(net.Gateway4!), 9090, Denied), "a sandbox -> gateway:9090");
        Assert.False(Forwarded(env.Host, admin, Upstream.HostSide, 9090, Denied), "the host -> its own other address:9090");
    }

    [PrivilegedFact]
    public void Publish_CannotBypassIngress_DirectOrForeignDnatToOtherPortsDropped()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.50.0/24" });
        using var upstream = new Upstream(env);
        var webInfo = env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"], Policy = FirewallSamples.Parse(WebPolicy) });
        env.Engine.CreateSandbox(new SandboxSpec("peer") { Networks = ["net0"] });
        using var web = env.OpenSandbox("web");
        using var nsPeer = env.OpenSandbox("peer");
        using var http = Listen(web, IPAddress.Any, 80);
        using var ssh = Listen(web, IPAddress.Any, 22);
        // Published is not open: the sandbox's port 80 directly, without the mapping, stays closed.
        Assert.False(Tcp(nsPeer, http, V4(webInfo), timeout: Denied), "a peer -> web:80 directly");
        Assert.False(Tcp(env.Host, http, V4(webInfo), timeout: Denied), "the host -> web:80 directly");
        // Someone else's DNAT rule (another table, before ours) cannot open a port the sandbox does not publish.
        Probe.Nft(env.HostName, "add", "table", "ip", "fnt-foreign");
        Probe.Nft(env.HostName, "add", "chain", "ip", "fnt-foreign", "pre", "{ type nat hook prerouting priority -150; }");
        Probe.Nft(env.HostName, "add", "rule", "ip", "fnt-foreign", "pre", "tcp", "dport", "2222", "dnat", "to", $"{V4(webInfo)}:22");
        Probe.Nft(env.HostName, "add", "rule", "ip", "fnt-foreign", "pre", "tcp", "dport", "2280", "dnat", "to", $"{V4(webInfo)}:80");
        Assert.False(Forwarded(upstream.Namespace, ssh, Upstream.HostSide, 2222, Denied), "foreign DNAT to web:22");
        Assert.True(Forwarded(upstream.Namespace, http, Upstream.HostSide, 2280), "foreign DNAT to a published sandbox port");
    }

    [PrivilegedFact]
    public void Publish_SameHostPortTwice_InUse()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"], Policy = FirewallSamples.Parse(WebPolicy) });
        var clash = FirewallSamples.Parse("version: 1\nmode: private\nports: [\"8080:8080/tcp\"]\n");
        var e = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(new SandboxSpec("other") { Networks = ["net0"], Policy = clash }));
        Assert.Equal(ErrorKind.InUse, e.Kind);
        Assert.Contains("already published by sandbox web", e.Message);
        env.Engine.CreateSandbox(new SandboxSpec("other") { Networks = ["net0"], Policy = FirewallSamples.Parse("version: 1\nmode: private\nports: [\"8080:8080/udp\"]\n") });
    }

    [PrivilegedFact]
    public void Publish_OverlapsARange_InUseWithTheirMapping()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"], Policy = FirewallSamples.Parse(WebPolicy) });
        var clash = FirewallSamples.Parse("version: 1\nmode: private\nports: [\"7999-8001:80-82/tcp\"]\n");
        var e = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(new SandboxSpec("other") { Networks = ["net0"], Policy = clash }));
        Assert.Equal(ErrorKind.InUse, e.Kind);
        Assert.Contains("already published by sandbox web ('8000-8002:9000-9002/tcp')", e.Message);
    }

    // Records made before the published ports were stored (the column is NULL) are checked through their policy.
    [PrivilegedFact]
    public void Publish_SameHostPortAsAnOlderRecord_InUse()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("web") { Networks = ["net0"], Policy = FirewallSamples.Parse(WebPolicy) });
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(env.StateDirectory, ForgeNet.Core.Store.ForgeStore.FileName)};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE sandboxes SET published = NULL";
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        var clash = FirewallSamples.Parse("version: 1\nmode: private\nports: [\"127.0.0.1:9090:80/tcp\"]\n");
        var e = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(new SandboxSpec("other") { Networks = ["net0"], Policy = clash }));
        Assert.Equal(ErrorKind.InUse, e.Kind);
        Assert.Contains("already published by sandbox web ('127.0.0.1:9090:9090/tcp')", e.Message);
    }

    /// <summary>A connection from <paramref name="from"/> to <paramref name="address"/>:<paramref name="port"/> that arrives at <paramref name="listener"/>.</summary>
    private static bool Forwarded(Kernel.Namespaces.NetNs from, System.Net.Sockets.TcpListener listener, IPAddress address, int port, TimeSpan? timeout = null)
    {
        var wait = timeout ?? Allowed;
        using var client = Connect(from, address, port, null, wait);
        if (client is null) return false;
        var accept = listener.AcceptSocketAsync();
        if (!accept.Wait(wait)) return false;
        using var server = accept.Result;
        client.Send("ping"u8.ToArray());
        return Receive(server, 4, wait) == "ping";
    }
}
