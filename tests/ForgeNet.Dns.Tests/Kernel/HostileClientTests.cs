using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Model;
using ForgeNet.Dns.Server;
using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Wire;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Dns.Tests.Kernel;

/// <summary>
/// Malformed, truncated and oversized packets, TCP messages cut off and reset, connections that stall: the server must
/// neither crash nor stall, and must answer a good query within a deadline afterwards.
/// </summary>
public class HostileClientTests
{
    private const string Private = "version: 1\nmode: private\ndns: true\n";
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(1);

    private static (DnsWorld World, NetNs Ns, IPAddress Gateway) Setup(string subnet)
    {
        var world = new DnsWorld();
        world.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = subnet });
        var alpha = world.Engine.CreateSandbox(new SandboxSpec("alpha") { Networks = ["net0"], Policy = DnsWorld.Policy(Private) });
        return (world, world.OpenSandbox("alpha"), IPAddress.Parse(alpha.Endpoints[0].Gateway4!));
    }

    // Like a stub resolver: up to three tries a second apart (a burst may have filled the socket's queue, and UDP drops).
    private static void AssertAnswers(NetNs ns, IPAddress gateway, bool tcp = false)
    {
        var clock = Stopwatch.StartNew();
        var query = Packets.Query("alpha.net0.forge.internal", DnsType.A, id: 0x7777);
        byte[]? answer = null;
        for (var attempt = 0; attempt < 3 && answer is null; attempt++)
            answer = tcp ? DnsProbe.Tcp(ns, gateway, query, Prompt) : DnsProbe.Udp(ns, gateway, query, Prompt);
        Assert.NotNull(answer);
        Assert.Equal(0x7777, Packets.Id(answer));
        Assert.Single(Packets.Answers(answer));
        Assert.True(clock.Elapsed < 3 * Prompt, $"answered after {clock.Elapsed}");
    }

    [PrivilegedFact]
    public async Task Udp_MalformedTruncatedAndOversizedPackets_ServerStillAnswersPromptly()
    {
        var (world, ns, gateway) = Setup("10.99.81.0/24");
        using var _ = world;
        using var __ = ns;
        await using var dns = world.StartDns();
        using var socket = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        socket.Connect(new IPEndPoint(gateway, 53));
        var random = new Random(81);
        var good = Packets.Query("alpha.net0.forge.internal", DnsType.A, edns: 1232);

        socket.Send(new byte[5]);
        socket.Send(new byte[60_000]);
        socket.Send(good[..20]);
        for (var i = 0; i < 2000; i++)
        {
            var packet = (byte[])good.Clone();
            for (var j = 0; j < 4; j++) packet[random.Next(packet.Length)] = (byte)random.Next(256);
            socket.Send(random.Next(5) == 0 ? packet[..random.Next(packet.Length)] : packet);
        }

        AssertAnswers(ns, gateway);
        Assert.True(dns.Totals().Malformed > 0);
    }

    [PrivilegedFact]
    public async Task Tcp_QueriesCutOffMidMessageThenReset_NoSlotLeaksAndTheServerAnswers()
    {
        var (world, ns, gateway) = Setup("10.99.82.0/24");
        using var _ = world;
        using var __ = ns;
        await using var dns = world.StartDns();
        var good = Packets.Query("alpha.net0.forge.internal", DnsType.A);

        // Three times the connection cap: a slot not given back on reset would lock TCP out.
        for (var i = 0; i < 3 * new DnsServerLimits().MaxTcpConnections; i++)
        {
            using var socket = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            socket.Connect(new IPEndPoint(gateway, 53));
            socket.Send([.. Packets.U16((ushort)good.Length), .. good[..(i % good.Length)]]);
            socket.LingerState = new LingerOption(true, 0); // close sends RST
        }

        AssertAnswers(ns, gateway, tcp: true);
        AssertAnswers(ns, gateway);
    }

    [PrivilegedFact]
    public async Task Tcp_OversizedLengthPrefix_ConnectionClosedAndTheServerAnswers()
    {
        var (world, ns, gateway) = Setup("10.99.83.0/24");
        using var _ = world;
        using var __ = ns;
        await using var dns = world.StartDns();
        using var socket = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        socket.Connect(new IPEndPoint(gateway, 53));
        socket.ReceiveTimeout = 2000;

        socket.Send([0xFF, 0xFF, .. new byte[1000]]);
        bool closed;
        try { closed = socket.Receive(new byte[16]) == 0; }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset) { closed = true; }

        Assert.True(closed, "the server should close a connection announcing a 65535-byte query");
        AssertAnswers(ns, gateway, tcp: true);
    }

    [PrivilegedFact]
    public async Task Tcp_ConnectionsStallAtTheCap_UdpUnaffectedAndTcpBackAfterTheReadDeadline()
    {
        var (world, ns, gateway) = Setup("10.99.84.0/24");
        using var _ = world;
        using var __ = ns;
        var limits = new DnsServerLimits { MaxTcpConnections = 8, TcpReadTimeout = TimeSpan.FromSeconds(1) };
        await using var dns = world.StartDns(configure: o => o with { Limits = limits });
        var stalled = new List<Socket>();
        try
        {
            for (var i = 0; i < limits.MaxTcpConnections; i++)
            {
                var socket = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
                stalled.Add(socket);
                socket.Connect(new IPEndPoint(gateway, 53));
                socket.Send([0, 40, 1, 2, 3]); // announces 40 bytes, sends 3, then says nothing
            }
            AssertAnswers(ns, gateway);
            Thread.Sleep(limits.TcpReadTimeout + TimeSpan.FromMilliseconds(500));
            AssertAnswers(ns, gateway, tcp: true);
        }
        finally
        {
            foreach (var socket in stalled) socket.Dispose();
        }
    }

    [PrivilegedFact]
    public async Task Forwarding_UpstreamSendsOurQueryBackToUs_DroppedAsALoopAndTheClientGetsServFail()
    {
        var (world, ns, gateway) = Setup("10.99.85.0/24");
        using var _ = world;
        using var __ = ns;
        DnsWorld.Ip("-n", world.UpstreamName, "route", "add", "10.99.85.0/24", "via", "198.18.0.1");
        world.Upstream.RelayTo = new IPEndPoint(gateway, 53);
        var limits = new DnsServerLimits { UpstreamTimeout = TimeSpan.FromMilliseconds(1500) };
        await using var dns = world.StartDns(configure: o => o with { Limits = limits });

        var answer = DnsProbe.Udp(ns, gateway, Packets.Query("loop.example", DnsType.A), TimeSpan.FromSeconds(4));

        Assert.NotNull(answer);
        Assert.Equal(DnsType.ServFail, Packets.Rcode(answer));
        Assert.Equal(1, dns.Totals().Loops);
        Assert.Equal(1, world.Upstream.Count("loop.example"));
    }

    [PrivilegedFact]
    public async Task Forwarding_UpstreamIsOurOwnAddress_NeverForwardedToItself()
    {
        var (world, ns, gateway) = Setup("10.99.86.0/24");
        using var _ = world;
        using var __ = ns;
        await using var dns = world.StartDns(configure: o => o with { Upstreams = [new IPEndPoint(gateway, 53)] });

        var answer = DnsProbe.Udp(ns, gateway, Packets.Query("pypi.org", DnsType.A));

        Assert.Equal(DnsType.ServFail, Packets.Rcode(answer!));
        Assert.Equal(1, dns.Totals().Queries);
    }
}
