using System.Net;
using ForgeNet.Core;
using ForgeNet.Core.Model;
using ForgeNet.Kernel;

namespace ForgeNet.Dns.Zone;

/// <summary>
/// Every network's zone and gateways, re-read from the engine whenever the store's change stamp moves (checked at most once
/// a millisecond, so a sandbox another process just made or removed is answered for within a millisecond). Thread-safe.
/// </summary>
public sealed class ZoneDirectory(Engine engine)
{
    private readonly Lock _gate = new();
    private (long, long) _stamp = (-1, -1);
    private Snapshot _current = new(new Dictionary<string, LocalZone>(), []);
    private long _checkedAt = -1;
    private long _generation;
    private static readonly long TicksPerMillisecond = Math.Max(1, System.Diagnostics.Stopwatch.Frequency / 1000);

    /// <summary>The zone of <paramref name="network"/> as the store has it now; null when there is no such network.</summary>
    public LocalZone? Zone(string network) => Current().Zones.GetValueOrDefault(network);

    /// <summary>Moves whenever the store changed (as seen by the check at most once a millisecond): what was derived from it is stale.</summary>
    public long Generation
    {
        get
        {
            Current();
            return Volatile.Read(ref _generation);
        }
    }

    /// <summary>The networks now in the store, with their gateway addresses.</summary>
    public IReadOnlyList<NetworkInfo> Networks => Current().Networks;

    private Snapshot Current()
    {
        // The stamp is one SQLite statement under the engine's lock: under load, look at most once per millisecond.
        var now = System.Diagnostics.Stopwatch.GetTimestamp() / TicksPerMillisecond;
        if (now == Volatile.Read(ref _checkedAt)) return _current;
        Volatile.Write(ref _checkedAt, now);
        var stamp = engine.StoreStamp();
        lock (_gate)
        {
            if (stamp == _stamp) return _current;
            _current = Read();
            _stamp = stamp;
            Interlocked.Increment(ref _generation);
            return _current;
        }
    }

    private Snapshot Read()
    {
        var networks = engine.ListNetworks();
        var sandboxes = engine.ListSandboxes();
        var zones = new Dictionary<string, LocalZone>(StringComparer.Ordinal);
        foreach (var network in networks)
        {
            var hosts = sandboxes.SelectMany(s => s.Endpoints.Where(e => e.Network == network.Name).SelectMany(e => Addresses(s.Name, e)));
            var subnets = new[] { network.Subnet4, network.Subnet6 }.OfType<string>().Select(IpPrefix.Parse);
            zones[network.Name] = new LocalZone(network.Name, subnets, hosts);
        }
        return new Snapshot(zones, networks);
    }

    private static IEnumerable<(string, IPAddress)> Addresses(string sandbox, EndpointInfo endpoint)
    {
        foreach (var text in new[] { endpoint.Address4, endpoint.Address6 })
            if (IpPrefix.TryParse(text, out var prefix)) yield return (sandbox, prefix.Address);
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, LocalZone> Zones, IReadOnlyList<NetworkInfo> Networks);
}
