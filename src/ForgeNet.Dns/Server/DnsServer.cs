using System.Net;
using System.Net.Sockets;
using ForgeNet.Dns.Forwarding;

namespace ForgeNet.Dns.Server;

/// <summary>
/// One network's resolver: UDP and TCP on each of its gateway addresses, answering from its zone and forwarding the rest
/// as the policy allows (docs/DNS.md). Dispose stops it and closes its sockets.
/// </summary>
public sealed class DnsServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly List<Socket> _sockets;
    private readonly Task _running;
    private readonly Forwarder _forwarder;

    private DnsServer(DnsServerOptions options, List<Socket> sockets, QueryHandler handler, Forwarder forwarder, CancellationToken cancel)
    {
        _forwarder = forwarder;
        Options = options;
        Counters = handler.Counters;
        _sockets = sockets;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Endpoints = sockets.Where(s => s.SocketType == SocketType.Dgram).Select(s => (IPEndPoint)s.LocalEndPoint!).ToList();
        _running = Task.WhenAll(sockets.Select(s => s.SocketType == SocketType.Dgram
            ? new UdpEndpoint(s, handler).Run(_stop.Token)
            : new TcpEndpoint(s, handler, options.Limits).Run(_stop.Token)));
    }

    public DnsServerOptions Options { get; }

    public DnsCounters Counters { get; }

    /// <summary>The addresses and port it listens on.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; }

    /// <summary>Binds UDP and TCP on every listen address and starts serving; throws when a socket cannot be bound.</summary>
    public static DnsServer Start(DnsServerOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var own = options.OwnAddresses.Concat(options.Listen).ToHashSet();
        var upstreams = options.Upstreams.Where(u => !own.Contains(u.Address) && !u.Address.Equals(IPAddress.Any) && !u.Address.Equals(IPAddress.IPv6Any)).ToList();
        var forwarder = new Forwarder(upstreams, options.Sockets, options.Limits.UpstreamTimeout, options.Limits.MaxPendingForwards);
        var cache = options.Cache ?? new ResponseCache(options.Limits.CacheEntries, TimeProvider.System);
        var handler = new QueryHandler(options.Network, options.Zone, options.Egress, cache, forwarder, options.Counters ?? new DnsCounters());
        var sockets = new List<Socket>();
        try
        {
            foreach (var address in options.Listen)
            {
                var endpoint = new IPEndPoint(address, options.Port);
                sockets.Add(options.Sockets.MakeNow(() => ListenSockets.Udp(endpoint)));
                sockets.Add(options.Sockets.MakeNow(() => ListenSockets.Tcp(endpoint, options.Limits.MaxTcpConnections)));
            }
        }
        catch (SocketException e)
        {
            foreach (var socket in sockets) socket.Dispose();
            forwarder.Dispose();
            throw new DnsServerException($"listen for network {options.Network} on {string.Join(", ", options.Listen)} port {options.Port}: {e.Message} ({e.SocketErrorCode})", e);
        }
        return new DnsServer(options, sockets, handler, forwarder, cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var socket in _sockets) socket.Dispose();
        try { await _running.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _forwarder.Dispose();
        _stop.Dispose();
    }
}
