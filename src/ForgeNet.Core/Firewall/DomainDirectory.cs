using System.Net;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Which sandbox owns an address on a network, with its domain rules: read from the store once, and again only after
/// the store changed (any process's commit), which costs one small query per lookup to notice. Thread-safe.
/// </summary>
internal sealed class DomainDirectory(Func<object> changeStamp, Func<IReadOnlyList<FirewallEndpoint>> load)
{
    private readonly Lock _refresh = new();
    private volatile Snapshot? _snapshot;

    /// <summary>The sandbox at <paramref name="client"/> on <paramref name="network"/> (its name or id), or null.</summary>
    public DomainClient? Find(string network, IPAddress client)
    {
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return Current().Clients.GetValueOrDefault((network, address));
    }

    /// <summary>Forgets what was read, so the next lookup reads the store again (after the kernel disagreed with it).</summary>
    public void Invalidate() => _snapshot = null;

    private Snapshot Current()
    {
        var stamp = changeStamp();
        if (_snapshot is { } snapshot && snapshot.Stamp.Equals(stamp)) return snapshot;
        lock (_refresh)
        {
            if (_snapshot is { } fresh && fresh.Stamp.Equals(stamp)) return fresh;
            // The stamp is taken before the read: a commit in between makes the next lookup read again.
            var built = Build(stamp, load());
            _snapshot = built;
            return built;
        }
    }

    private static Snapshot Build(object stamp, IReadOnlyList<FirewallEndpoint> endpoints)
    {
        var clients = new Dictionary<(string, IPAddress), DomainClient>();
        foreach (var endpoint in endpoints)
        {
            var client = new DomainClient(endpoint, DomainRule.Of(endpoint.Policy));
            foreach (var address in endpoint.AddressesOf(System.Net.Sockets.AddressFamily.InterNetwork).Concat(endpoint.Addresses6))
            {
                clients[(endpoint.Network.Name, address)] = client;
                clients[(endpoint.Network.Id, address)] = client;
            }
        }
        return new Snapshot(stamp, clients);
    }

    private sealed record Snapshot(object Stamp, Dictionary<(string Network, IPAddress Address), DomainClient> Clients);
}
