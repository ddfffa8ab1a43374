using System.Net;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Server;
using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Zone;
using ForgeNet.Kernel;

namespace ForgeNet.Dns.Tests.Server;

/// <summary>A query handler for network "net0" with two sandboxes, a fake policy, and a fake upstream on loopback.</summary>
internal sealed class HandlerWorld : IDisposable
{
    public static readonly IPAddress Client = IPAddress.Parse("10.99.0.5");

    public HandlerWorld(TimeSpan? upstreamTimeout = null)
    {
        Sockets = SocketFactory.Current();
        Upstream = new FakeUpstream(Sockets, IPAddress.Loopback, port: 0);
        Zone = new LocalZone("net0", [IpPrefix.Parse("10.99.0.0/24"), IpPrefix.Parse("fd00:99::/64")],
            [("web", IPAddress.Parse("10.99.0.5")), ("web", IPAddress.Parse("fd00:99::5")), ("db", IPAddress.Parse("10.99.0.6"))]);
        Cache = new ResponseCache(100, Clock);
        Forwarder = new Forwarder([Upstream.Endpoint], Sockets, upstreamTimeout ?? TimeSpan.FromSeconds(2));
        Handler = new QueryHandler("net0", () => Zone, Egress, Cache, Forwarder, Counters);
    }

    public Forwarder Forwarder { get; }

    public SocketFactory Sockets { get; }

    public FakeUpstream Upstream { get; }

    public LocalZone Zone { get; set; }

    public FakeEgress Egress { get; } = new();

    public ManualClock Clock { get; } = new();

    public ResponseCache Cache { get; }

    public DnsCounters Counters { get; } = new();

    public QueryHandler Handler { get; }

    public byte[] Ask(string name, ushort type, int? edns = null, bool tcp = false, ushort id = 0x4242) =>
        Handler.HandleAsync(Packets.Query(name, type, id, edns), Client, tcp, CancellationToken.None).AsTask().GetAwaiter().GetResult()
        ?? throw new Xunit.Sdk.XunitException($"no answer for {name}");

    public void Dispose()
    {
        Forwarder.Dispose();
        Upstream.Dispose();
        Sockets.Dispose();
    }
}
