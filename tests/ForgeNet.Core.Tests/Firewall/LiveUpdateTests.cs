using System.Net;
using System.Net.Sockets;
using System.Text;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.PeerPolicyTests;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// ApplyPolicy on a running sandbox: an established connection the new policy still allows keeps working; one it
/// forbids is cut (what its client sends no longer arrives). Between peers (bridge table, flow sets) and between the
/// host and a sandbox (inet table, conntrack).
/// </summary>
public class LiveUpdateTests
{
    [PrivilegedFact]
    public void ApplyPolicy_PeerConnections_AllowedSurvivesForbiddenIsCut()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var server = env.Engine.CreateSandbox(new SandboxSpec("server") { Networks = ["net0"] });
        env.Engine.CreateSandbox(new SandboxSpec("client") { Networks = ["net0"] });
        using var nsServer = env.OpenSandbox("server");
        using var nsClient = env.OpenSandbox("client");
        using var kept = Open(nsClient, nsServer, V4(server), 7001);
        using var cut = Open(nsClient, nsServer, V4(server), 7002);
        Assert.True(kept.Exchange(), "before: 7001");
        Assert.True(cut.Exchange(), "before: 7002");

        env.Engine.ApplyPolicy("server", FirewallSamples.Parse("""
            version: 1
            mode: peer-only
            ingress:
              - from: [{peer: client}]
                ports: [7001/tcp]
            """));

        Assert.True(kept.Exchange(), "after: 7001 is still allowed");
        Assert.False(cut.Exchange(Denied), "after: 7002 is forbidden");
        using var again = Listen(nsServer, IPAddress.Any, 7003);
        Assert.False(Tcp(nsClient, again, V4(server), timeout: Denied), "a new connection to 7003");
    }

    [PrivilegedFact]
    public void ApplyPolicy_HostToSandbox_AllowedSurvivesForbiddenIsCut()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.42.0/24" });
        var both = FirewallSamples.Parse("""
            version: 1
            mode: internal
            ingress:
              - from: [10.99.42.1]
                ports: [7001/tcp, 7002/tcp]
            """);
        var sandbox = env.Engine.CreateSandbox(new SandboxSpec("s") { Networks = ["net0"], Policy = both });
        using var ns = env.OpenSandbox("s");
        using var kept = Open(env.Host, ns, V4(sandbox), 7001);
        using var cut = Open(env.Host, ns, V4(sandbox), 7002);
        Assert.True(kept.Exchange());
        Assert.True(cut.Exchange());

        env.Engine.ApplyPolicy("s", FirewallSamples.Parse("""
            version: 1
            mode: internal
            ingress:
              - from: [10.99.42.1]
                ports: [7001/tcp]
            """));

        Assert.True(kept.Exchange(), "after: 7001 is still allowed");
        Assert.False(cut.Exchange(Denied), "after: 7002 is forbidden");
    }

    private static Connection Open(NetNs client, NetNs server, IPAddress address, int port)
    {
        using var listener = Listen(server, IPAddress.Any, port);
        var socket = Connect(client, address, port, null, Allowed) ?? throw new InvalidOperationException($"cannot connect to {address}:{port}");
        var accept = listener.AcceptSocketAsync();
        if (!accept.Wait(Allowed)) throw new InvalidOperationException($"no accept on {port}");
        return new Connection(socket, accept.Result);
    }

    /// <summary>Both ends of one established TCP connection.</summary>
    private sealed class Connection(Socket client, Socket server) : IDisposable
    {
        /// <summary>True when a message from the client reaches the server and its answer comes back.</summary>
        public bool Exchange(TimeSpan? timeout = null)
        {
            var wait = timeout ?? Allowed;
            client.Send(Encoding.ASCII.GetBytes("ping"));
            if (Receive(server, 4, wait) != "ping") return false;
            server.Send(Encoding.ASCII.GetBytes("pong"));
            return Receive(client, 4, wait) == "pong";
        }

        public void Dispose()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
