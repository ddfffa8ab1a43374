using System.Net;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Which sandbox owns an address on a network, with its domain rules: read from the store once, and again only after
/// the store changed (any process's commit), which costs one small query per lookup to notice. A lookup never waits
/// for a write of this process in progress: until it commits, what was read is current. Thread-safe.
/// </summary>
internal sealed class DomainDirectory(Func<object?> changeStamp, Func<object> waitForStamp, Func<IReadOnlyList<FirewallEndpoint>> load)
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
        // No stamp: the store is busy in this process, with nothing committed yet that the snapshot lacks.
        var stamp = changeStamp();
        if (_snapshot is { } snapshot && (stamp is null || snapshot.Stamp.Equals(stamp))) return snapshot;
        lock (_refresh)
        {
            if (_snapshot is { } fresh && fresh.Stamp.Equals(stamp)) return fresh;
            // Only when nothing was read yet (or it was forgotten) and the store is busy: wait for it.
            stamp ??= waitForStamp();
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
