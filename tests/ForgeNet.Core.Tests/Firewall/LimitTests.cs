using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.PeerPolicyTests;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>limits.packets and limits.connections, observed with real traffic against an unlimited twin.</summary>
public class LimitTests
{
    private static string Limited(string limits) => $"""
        version: 1
        mode: internal
        egress:
          - to: [10.99.53.1]
            ports: [7100/tcp]
        limits:
        {limits}
        """;

    [PrivilegedFact]
    public void PacketLimit_Flood_OnlyTheRateAndBurstPass()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.53.0/24" });
        env.Engine.CreateSandbox(new SandboxSpec("slow") { Networks = ["net0"], Policy = FirewallSamples.Parse(Limited("  packets: {rate: 10/minute, burst: 5}")) });
        env.Engine.CreateSandbox(new SandboxSpec("fast") { Networks = ["net0"] });
        var sink = env.Engine.CreateSandbox(new SandboxSpec("sink") { Networks = ["net0"] });
        using var slow = env.OpenSandbox("slow");
        using var fast = env.OpenSandbox("fast");
        using var nsSink = env.OpenSandbox("sink");
        Assert.True(Udp(fast, nsSink, V4(sink), 7000), "warm up: neighbour entries");
        Assert.True(Udp(slow, nsSink, V4(sink), 7001), "warm up: neighbour entries");
        var unlimited = Flood(fast, nsSink, V4(sink), 7002, 200);
        var limited = Flood(slow, nsSink, V4(sink), 7003, 200);
        Assert.True(unlimited >= 190, $"unlimited: {unlimited} of 200 arrived");
        // Ten a minute refills nothing meanwhile: what the warm-up left of the burst of 5, and no more.
        Assert.InRange(limited, 0, 5);
        Assert.Contains(HygieneTests.DropCounters(env, env.Engine.InspectSandbox("slow"), "limits.packets"), n => n >= 195);
    }

    [PrivilegedFact]
    public void ConnectionLimit_ToPeersAndToTheHost_OnlyTheBurstOpens()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.53.0/24" });
        // One a minute: nothing refills while the test runs, so exactly the burst opens.
        var slowInfo = env.Engine.CreateSandbox(new SandboxSpec("slow") { Networks = ["net0"], Policy = FirewallSamples.Parse(Limited("  connections: {rate: 1/minute, burst: 3}")) });
        env.Engine.CreateSandbox(new SandboxSpec("fast") { Networks = ["net0"], Policy = FirewallSamples.Parse(Limited("  packets: 100000/second")) });
        var server = env.Engine.CreateSandbox(new SandboxSpec("server") { Networks = ["net0"] });
        using var slow = env.OpenSandbox("slow");
        using var fast = env.OpenSandbox("fast");
        using var nsServer = env.OpenSandbox("server");
        using var peer = Listen(nsServer, IPAddress.Any, 7100);
        using var host = Listen(env.Host, IPAddress.Any, 7100);
        foreach (var (target, listener, family, what) in new[]
        {
            (V4(server), peer, NftFamily.Bridge, "peer"),
            (IPAddress.Parse("10.99.53.1"), host, NftFamily.Inet, "host"),
        })
        {
            var all = Connections(fast, listener, target, 10, TimeSpan.FromSeconds(2));
            Assert.True(all == 10, $"{what}: unlimited opened {all} of 10");
            var opened = Connections(slow, listener, target, 10, TimeSpan.FromMilliseconds(400));
            Assert.True(opened is >= 1 and <= 3, $"{what}: {opened} of 10 connections opened");
            var dropped = HygieneTests.DropCounters(env, slowInfo, "limits.connections", family).Sum(n => (long)n);
            Assert.True(dropped >= 7, $"{what}: {dropped} connection attempts dropped");
        }
    }

    /// <summary>Sends <paramref name="count"/> datagrams as fast as possible; how many arrived.</summary>
    private static int Flood(NetNs from, NetNs at, IPAddress to, int port, int count)
    {
        using var receiver = at.Run(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.ReceiveBufferSize = 1 << 20;
            s.Bind(new IPEndPoint(to, port));
            return s;
        });
        using var sender = from.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        for (var i = 0; i < count; i++)
            sender.SendTo(new byte[32], new IPEndPoint(to, port));
        var received = 0;
        var buffer = new byte[64];
        while (receiver.Poll(TimeSpan.FromMilliseconds(300), SelectMode.SelectRead))
        {
            receiver.Receive(buffer);
            received++;
        }
        return received;
    }

    /// <summary>Opens <paramref name="count"/> connections one after another (short timeouts); how many succeeded.</summary>
    private static int Connections(NetNs from, TcpListener listener, IPAddress to, int count, TimeSpan timeout)
    {
        var opened = 0;
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var client = Connect(from, to, PortOf(listener), null, timeout);
                if (client is null) continue;
                sockets.Add(client);
                opened++;
            }
            while (listener.Pending()) sockets.Add(listener.AcceptSocket());
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
        return opened;
    }
}
