using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Model;
using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Wire;
using ForgeNet.Kernel;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Dns.Tests.Kernel;

/// <summary>
/// Egress by domain end to end: a sandbox whose policy allows pypi.org and *.pythonhosted.org on 8080/tcp resolves through
/// the network's resolver, which opens the firewall (the engine's DomainEgress) before answering. Real TCP connections to
/// several addresses in the upstream namespace decide what is reachable.
/// </summary>
public class DomainEgressEndToEndTests
{
    private static readonly TimeSpan Denied = TimeSpan.FromMilliseconds(700);

    private const string DomainPolicy = """
        version: 1
        mode: private
        dns: true
        egress:
          - to: [{domain: pypi.org}, {domain: "*.pythonhosted.org"}]
            ports: [8080/tcp]
        """;

    private sealed class Fixture : IDisposable
    {
        public Fixture(string subnet)
        {
            World = new DnsWorld();
            foreach (var address in new[] { "198.19.6.1", "198.19.6.2", "198.19.6.3" })
                DnsWorld.Ip("-n", World.UpstreamName, "address", "add", address + "/32", "dev", "lo");
            Engine = World.Open(o => o with { DomainTimeouts = new DomainTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromHours(1)) });
            Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = subnet });
            var agent = Engine.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = DnsWorld.Policy(DomainPolicy) });
            Gateway = IPAddress.Parse(agent.Endpoints[0].Gateway4!);
            Ns = World.OpenSandbox("agent");
            Listener = World.UpstreamSockets.MakeNow(() =>
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                s.Bind(new IPEndPoint(IPAddress.Any, 8080));
                s.Listen(64);
                return s;
            });
        }

        public DnsWorld World { get; }

        public Core.Engine Engine { get; }

        public IPAddress Gateway { get; }

        public NetNs Ns { get; }

        public Socket Listener { get; }

        public bool Connects(string address, TimeSpan? timeout = null)
        {
            using var socket = Ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(2));
            try
            {
                socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(address), 8080), deadline.Token).AsTask().GetAwaiter().GetResult();
                return true;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return false;
            }
        }

        public byte[] Resolve(string name) =>
            DnsProbe.Udp(Ns, Gateway, Packets.Query(name, DnsType.A)) ?? throw new Xunit.Sdk.XunitException($"no answer for {name}");

        public void Dispose()
        {
            Listener.Dispose();
            Ns.Dispose();
            World.Dispose();
        }
    }

    [PrivilegedFact]
    public async Task AllowedName_ItsAddressReachableAtOnceOthersNotAndOnlyUntilTheTtl()
    {
        using var f = new Fixture("10.99.91.0/24");
        f.World.Upstream.Add("pypi.org", IPAddress.Parse("198.19.6.1"), ttl: 1);
        await using var dns = f.World.StartDns(f.Engine);
        Assert.False(f.Connects("198.19.6.1", Denied), "before any answer");

        var answer = f.Resolve("pypi.org");
        var answered = Stopwatch.StartNew();

        Assert.Equal("198.19.6.1", Assert.Single(Packets.Answers(answer)).Data);
        Assert.True(f.Connects("198.19.6.1"), "the answered address, right after the answer");
        Assert.False(f.Connects("198.19.6.2", Denied), "an address no answer gave");
        // TTL 1 s is raised to the floor (2 s here); a second past it the address is closed again.
        var left = TimeSpan.FromSeconds(3) - answered.Elapsed;
        if (left > TimeSpan.Zero) Thread.Sleep(left);
        Assert.False(f.Connects("198.19.6.1", Denied), "after the TTL");
    }

    [PrivilegedFact]
    public async Task ForbiddenName_RefusedAndNeverReachesTheUpstream()
    {
        using var f = new Fixture("10.99.92.0/24");
        f.World.Upstream.Add("forbidden.example", IPAddress.Parse("198.19.6.2"));
        await using var dns = f.World.StartDns(f.Engine);

        var answer = f.Resolve("c2VjcmV0.forbidden.example");

        Assert.Equal(DnsType.Refused, Packets.Rcode(answer));
        Assert.DoesNotContain(f.World.Upstream.Log, l => l.Contains("forbidden", StringComparison.Ordinal));
        Assert.Equal(1, dns.Totals().Refused);
        Assert.False(f.Connects("198.19.6.2", Denied));
    }

    [PrivilegedFact]
    public async Task AllowedWildcardThroughCnameChain_TheFinalAddressIsReachable()
    {
        using var f = new Fixture("10.99.93.0/24");
        f.World.Upstream.AddCname("files.pythonhosted.org", "cdn.example.net");
        f.World.Upstream.AddCname("cdn.example.net", "edge.example.net");
        f.World.Upstream.Add("edge.example.net", IPAddress.Parse("198.19.6.3"));
        await using var dns = f.World.StartDns(f.Engine);

        var answer = f.Resolve("files.pythonhosted.org");

        Assert.Contains(Packets.Answers(answer), r => r.Data == "198.19.6.3");
        Assert.True(f.Connects("198.19.6.3"));
        Assert.Equal(DnsType.Refused, Packets.Rcode(f.Resolve("pythonhosted.org"))); // wildcards match subdomains only
    }

    [PrivilegedFact]
    public async Task SandboxAsksAnotherResolverDirectly_Blocked()
    {
        using var f = new Fixture("10.99.94.0/24");
        f.World.Upstream.Add("pypi.org", IPAddress.Parse("198.19.6.1"));
        await using var dns = f.World.StartDns(f.Engine);

        var direct = DnsProbe.Udp(f.Ns, DnsWorld.UpstreamDns, Packets.Query("pypi.org", DnsType.A), Denied);
        var directTcp = DnsProbe.Tcp(f.Ns, DnsWorld.UpstreamDns, Packets.Query("pypi.org", DnsType.A), Denied);
        var viaResolver = f.Resolve("pypi.org");

        Assert.Null(direct);
        Assert.Null(directTcp);
        Assert.Equal(DnsType.NoError, Packets.Rcode(viaResolver));
        Assert.Equal(["udp pypi.org 1"], f.World.Upstream.Log); // only the resolver's own query arrived
    }
}
