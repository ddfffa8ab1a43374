using ForgeNet.Dns;
using ForgeNet.Dns.Hosting;
using Prometheus;

namespace ForgeNet.Daemon.Metrics;

/// <summary>
/// The resolvers' counters per network, read from the <see cref="DnsHost"/> when Prometheus scrapes. Only networks
/// served now have series; one that goes loses its series, as a sandbox's traffic series do.
/// </summary>
public sealed class DnsMetrics
{
    private static readonly string[] Labels = ["network"];
    private readonly (SeriesSet Series, Func<DnsCounters, long> Read)[] _counters;

    public DnsMetrics(MetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _counters =
        [
            Counter(factory, "queries", "Queries the network's resolver received (UDP and TCP), malformed ones included.", c => c.Queries),
            Counter(factory, "answers", "Responses the network's resolver sent, of any RCODE.", c => c.Answers),
            Counter(factory, "local_answers", "Queries answered from the network's own zone (sandbox names, PTR).", c => c.Local),
            Counter(factory, "forwarded", "Queries sent to an upstream resolver (cache misses).", c => c.Forwarded),
            Counter(factory, "cache_hits", "Queries answered from the resolver's cache.", c => c.CacheHits),
            Counter(factory, "refused", "Queries REFUSED because the sandbox's policy does not allow the name (never forwarded).", c => c.Refused),
            Counter(factory, "nxdomain", "NXDOMAIN answers.", c => c.NxDomain),
            Counter(factory, "servfail", "SERVFAIL answers: no upstream answered, or the firewall could not be opened.", c => c.ServFail),
            Counter(factory, "malformed", "Packets that were not a well-formed query.", c => c.Malformed),
        ];
    }

    /// <summary>Sets every series from <paramref name="host"/> now; no host (DNS off or not started) means no series.</summary>
    public void Update(DnsHost? host)
    {
        var served = host is null ? [] : host.Servers.Keys.ToHashSet(StringComparer.Ordinal);
        var counters = host?.Counters.Where(c => served.Contains(c.Key)).ToList() ?? [];
        foreach (var (series, read) in _counters)
            series.Replace(counters.Select(c => (new[] { c.Key }, (double)read(c.Value))));
    }

    private static (SeriesSet, Func<DnsCounters, long>) Counter(MetricFactory factory, string name, string help, Func<DnsCounters, long> read) =>
        (new SeriesSet(factory.CreateCounter($"forgenet_dns_{name}_total", help, Labels)), read);
}
