using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ForgeNet.Daemon.Tests.Support;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Tests;

/// <summary>
/// The daemon hosts the networks' resolvers: a sandbox resolves another by name through it, a name its policy forbids
/// is REFUSED without reaching the upstream (a socket in the test's host namespace that logs what arrives), and
/// /metrics counts exactly those queries for that network.
/// </summary>
public sealed class DnsTests
{
    private const string AgentPolicy = """
        version: 1
        mode: private
        dns: true
        egress:
          - to: [{domain: pypi.org}]
            ports: [443/tcp]
        """;

    [PrivilegedFact]
    public async Task Dns_PeerNameAndForbiddenName_ResolvedRefusedAndCounted()
    {
        using var host = new DaemonHost();
        Shell.Ip("-n", host.Name, "link", "set", "lo", "up");
        using var upstream = host.Host.Run(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return s;
        });
        using var daemon = host.Start(null, "--dns-upstream", upstream.LocalEndPoint!.ToString()!);
        using var channel = daemon.Channel();
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.8.0/24" });
        var b = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "b", Networks = { "net0" } });
        var agent = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "agent", Networks = { "net0" }, PolicyYaml = AgentPolicy });
        var addressB = IPAddress.Parse(b.Interfaces[0].Address4.Split('/')[0]);
        var gateway = IPAddress.Parse(agent.Interfaces[0].Gateway4);

        using (var ns = NetNs.Open(agent.NamespacePath))
        {
            // The host notices the new network within its poll (a second): wait for the resolver's first answer.
            byte[]? peer = null;
            Assert.True(Shell.Eventually(() => (peer = Query(ns, gateway, "b.net0.forge.internal", 1)) is not null, TimeSpan.FromSeconds(10)),
                $"no answer from the daemon's resolver:\n{daemon.Output}");
            Assert.Equal(0, Rcode(peer!));
            Assert.Equal(addressB, LastAddress(peer!));

            var forbidden = Query(ns, gateway, "exfil.example.com", 2);
            Assert.NotNull(forbidden);
            Assert.Equal(5, Rcode(forbidden)); // REFUSED
        }

        upstream.ReceiveTimeout = 300;
        Assert.Throws<SocketException>(() => upstream.Receive(new byte[512]));

        var text = await Scrape(host);
        Assert.Equal(2, Value(text, "forgenet_dns_queries_total"));
        Assert.Equal(2, Value(text, "forgenet_dns_answers_total"));
        Assert.Equal(1, Value(text, "forgenet_dns_local_answers_total"));
        Assert.Equal(1, Value(text, "forgenet_dns_refused_total"));
        Assert.Equal(0, Value(text, "forgenet_dns_nxdomain_total"));
        Assert.Equal(0, Value(text, "forgenet_dns_forwarded_total"));
        Assert.Equal(0, Value(text, "forgenet_dns_cache_hits_total"));
        var (code, output) = Shell.Run("promtool", text, "check", "metrics");
        Assert.True(code == 0, $"promtool check metrics: {output}\n{text}");

        // The network goes, its resolver and its series with it.
        await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
        Assert.True(Shell.Eventually(() => !Scrape(host).GetAwaiter().GetResult().Contains("network=\"net0\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
    }

    [PrivilegedFact]
    public async Task Dns_Off_NoResolverNoSeries()
    {
        using var host = new DaemonHost();
        using var daemon = host.Start(null, "--dns", "off");
        using var channel = daemon.Channel();
        var api = new V1.ForgeNet.ForgeNetClient(channel);
        await api.CreateVNetAsync(new V1.CreateVNetRequest { Name = "net0", Subnet4 = "10.77.9.0/24" });
        var agent = await api.AssignEndpointAsync(new V1.AssignEndpointRequest { Id = "agent", Networks = { "net0" }, PolicyYaml = AgentPolicy });
        using (var ns = NetNs.Open(agent.NamespacePath))
        {
            await Task.Delay(1500);
            Assert.Null(Query(ns, IPAddress.Parse(agent.Interfaces[0].Gateway4), "agent.net0.forge.internal", 3));
        }
        Assert.DoesNotContain("forgenet_dns_queries_total{", await Scrape(host));
        await api.DeleteVNetAsync(new V1.DeleteVNetRequest { Name = "net0", Force = true });
    }

    /// <summary>An A query over UDP from inside <paramref name="ns"/>; null when nothing answered within half a second.</summary>
    private static byte[]? Query(NetNs ns, IPAddress server, string name, ushort id)
    {
        var query = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            query.Add((byte)label.Length);
            query.AddRange(Encoding.ASCII.GetBytes(label));
        }
        query.AddRange(new byte[] { 0, 0, 1, 0, 1 });
        using var socket = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        socket.Connect(new IPEndPoint(server, 53));
        socket.Send(query.ToArray());
        socket.ReceiveTimeout = 500;
        var buffer = new byte[4096];
        try
        {
            var length = socket.Receive(buffer);
            return length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(buffer) == id ? buffer[..length] : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static int Rcode(byte[] response) => response[3] & 0xF;

    /// <summary>The rdata of a one-record A answer: the response's last four bytes (no OPT was asked for).</summary>
    private static IPAddress LastAddress(byte[] response)
    {
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(6)));
        return new IPAddress(response.AsSpan(response.Length - 4));
    }

    private static async Task<string> Scrape(DaemonHost host)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{host.MetricsPort}/metrics");
    }

    private static long Value(string text, string metric)
    {
        var prefix = metric + "{network=\"net0\"} ";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"no {prefix}in:\n{text}");
        return (long)double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
