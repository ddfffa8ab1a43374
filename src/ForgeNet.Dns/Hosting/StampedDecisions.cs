using System.Collections.Concurrent;
using System.Net;
using ForgeNet.Core.Firewall;

namespace ForgeNet.Dns.Hosting;

/// <summary>
/// The engine's <see cref="IDomainEgress.Decide"/> remembered per (network, client, name) until the store changes.
/// The engine answers from a copy of the store too, but makes sure it is current with an SQLite statement under the
/// store's lock on every call; here the zones' change check (at most once a millisecond, <see cref="Zone.ZoneDirectory"/>)
/// stands in for it, so a policy change reaches decisions within a millisecond, as a sandbox's name reaches the zone.
/// Bounded: past <see cref="Capacity"/> names it starts over. <see cref="Admit"/> is passed through.
/// </summary>
internal sealed class StampedDecisions(IDomainEgress engine, Func<long> generation) : IDomainEgress
{
    /// <summary>Decisions kept at most (names come from clients, so this is bounded).</summary>
    public const int Capacity = 8192;

    private readonly ConcurrentDictionary<(string Network, IPAddress Client, string Name), (ResolverDecision Decision, long Generation)> _decisions = new();
    private int _count;

    public ResolverDecision Decide(string network, IPAddress client, string name)
    {
        // Read before asking the engine: a change in between tags the decision with the older generation, so it is not reused.
        var now = generation();
        var key = (network, client, name);
        if (_decisions.TryGetValue(key, out var known) && known.Generation == now) return known.Decision;
        var decision = engine.Decide(network, client, name);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _decisions.Clear();
            Volatile.Write(ref _count, 0);
        }
        _decisions[key] = (decision, now);
        return decision;
    }

    public void Admit(string network, IPAddress client, string name, IReadOnlyList<IPAddress> addresses, TimeSpan ttl) =>
        engine.Admit(network, client, name, addresses, ttl);
}
