using System.Net;
using ForgeNet.Core;
using ForgeNet.Core.Model;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Server;
using ForgeNet.Dns.Zone;

namespace ForgeNet.Dns.Hosting;

/// <summary>
/// Serves every network of the store (or the ones named): a <see cref="DnsServer"/> per network on its gateways, started
/// when the network appears and stopped when it goes. For <c>forge run</c> and the daemon. Dispose stops them all.
/// </summary>
public sealed class DnsHost : IAsyncDisposable
{
    private readonly DnsHostOptions _options;
    private readonly ZoneDirectory _zones;
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly Core.Firewall.IDomainEgress _egress;
    private readonly SocketFactory _sockets;
    private readonly ResponseCache _cache;
    private readonly Dictionary<string, DnsServer> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DnsCounters> _counters = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly CancellationTokenSource _stop;
    private readonly Task _poll;

    private DnsHost(Engine engine, DnsHostOptions options, CancellationToken cancel)
    {
        _options = options;
        _zones = new ZoneDirectory(engine);
        _upstreams = options.Upstreams ?? ResolvConf.Nameservers();
        _egress = options.Egress ?? new StampedDecisions(engine.DomainEgress, () => _zones.Generation);
        _sockets = SocketFactory.For(options.HostNamespacePath);
        _cache = new ResponseCache(options.Limits.CacheEntries, TimeProvider.System);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Sync();
        _poll = Poll(_stop.Token);
    }

    /// <summary>Starts serving; the networks present now are listened on when this returns.</summary>
    public static DnsHost Start(Engine engine, DnsHostOptions? options = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new DnsHost(engine, options ?? new DnsHostOptions(), cancel);
    }

    /// <summary>The networks served now, by name.</summary>
    public IReadOnlyDictionary<string, DnsServer> Servers { get { lock (_servers) return new Dictionary<string, DnsServer>(_servers); } }

    /// <summary>Counters per network (kept while the host lives, also for networks that went).</summary>
    public IReadOnlyDictionary<string, DnsCounters> Counters { get { lock (_servers) return new Dictionary<string, DnsCounters>(_counters); } }

    /// <summary>All networks' counters summed.</summary>
    public DnsCounterSnapshot Totals() => DnsCounters.Sum(Counters.Values);

    /// <summary>Brings the servers in line with the store now (the poll does this every <see cref="DnsHostOptions.NetworkPoll"/>).</summary>
    public void Sync()
    {
        _sync.Wait();
        try
        {
            var wanted = _zones.Networks.Where(n => _options.Networks is null || _options.Networks.Contains(n.Name))
                .ToDictionary(n => n.Name, Gateways);
            var own = wanted.Values.SelectMany(a => a).ToHashSet();
            foreach (var (name, server) in Servers)
                if (!wanted.TryGetValue(name, out var listen) || !listen.SequenceEqual(server.Options.Listen))
                    Stop(name, server);
            foreach (var (name, listen) in wanted)
                if (listen.Count > 0 && !Servers.ContainsKey(name))
                    StartServer(name, listen, own);
        }
        finally
        {
            _sync.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _poll.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        foreach (var server in Servers.Values) await server.DisposeAsync().ConfigureAwait(false);
        _sockets.Dispose();
        _stop.Dispose();
    }

    private void StartServer(string network, List<IPAddress> listen, HashSet<IPAddress> own)
    {
        DnsCounters counters;
        lock (_servers)
            if (!_counters.TryGetValue(network, out counters!)) _counters[network] = counters = new DnsCounters();
        var server = DnsServer.Start(new DnsServerOptions
        {
            Network = network, Listen = listen, Port = _options.Port, Zone = () => _zones.Zone(network), Egress = _egress,
            Upstreams = _upstreams, OwnAddresses = own, Sockets = _sockets, Cache = _cache, Limits = _options.Limits, Counters = counters,
        }, _stop.Token);
        lock (_servers) _servers[network] = server;
    }

    private void Stop(string network, DnsServer server)
    {
        lock (_servers) _servers.Remove(network);
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task Poll(CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(_options.NetworkPoll);
        while (await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false))
        {
            try { Sync(); }
            catch (Exception e) when (e is DnsServerException or Core.Errors.ForgeException)
            {
                Console.Error.WriteLine($"forge: dns: {e.Message}");
            }
        }
    }

    private static List<IPAddress> Gateways(NetworkInfo network) =>
        new[] { network.Gateway4, network.Gateway6 }.OfType<string>().Select(IPAddress.Parse).ToList();
}
