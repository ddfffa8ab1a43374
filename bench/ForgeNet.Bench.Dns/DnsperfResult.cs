using System.Globalization;

namespace ForgeNet.Bench.Dns;

/// <summary>One dnsperf run: throughput from its summary, latency percentiles from its per-query lines (-v).</summary>
internal sealed record DnsperfResult(string Server, double Qps, long Completed, long Lost, IReadOnlyDictionary<string, (double P50, double P99, long Count, long Errors)> ByKind)
{
    /// <summary>Several runs of one server: the median run's queries/s, lost summed, latencies over all runs.</summary>
    public static DnsperfResult Merge(string server, IReadOnlyList<string> outputs, Func<string, string> kind)
    {
        var qps = outputs.Select(o => Parse(server, o, kind).Qps).Order().ToList();
        var merged = Parse(server, string.Join('\n', outputs.Select(o => string.Join('\n', o.Split('\n').Where(l => l.TrimStart().StartsWith('>'))))), kind);
        var lost = outputs.Sum(o => Parse(server, o, kind).Lost);
        return merged with { Qps = qps[qps.Count / 2], Lost = lost };
    }

    /// <summary>Parses dnsperf -v output; <paramref name="kind"/> maps a query name to its category.</summary>
    public static DnsperfResult Parse(string server, string output, Func<string, string> kind)
    {
        double qps = 0;
        long completed = 0, lost = 0;
        var latencies = new Dictionary<string, List<double>>();
        var errors = new Dictionary<string, long>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Queries per second:", StringComparison.Ordinal))
                qps = double.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
            else if (line.StartsWith("Queries completed:", StringComparison.Ordinal))
                completed = long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            else if (line.StartsWith("Queries lost:", StringComparison.Ordinal))
                lost = long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            else if (line.StartsWith('>'))
            {
                // "> NOERROR name A 0.000123"
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length < 5 || !double.TryParse(words[^1], CultureInfo.InvariantCulture, out var seconds)) continue;
                var category = kind(words[2]);
                if (!latencies.TryGetValue(category, out var list)) latencies[category] = list = [];
                list.Add(seconds * 1000);
                if (words[1] != "NOERROR") errors[category] = errors.GetValueOrDefault(category) + 1;
            }
        }
        var byKind = latencies.ToDictionary(p => p.Key, p =>
        {
            p.Value.Sort();
            return (Percentile(p.Value, 0.50), Percentile(p.Value, 0.99), (long)p.Value.Count, errors.GetValueOrDefault(p.Key));
        });
        return new DnsperfResult(server, qps, completed, lost, byKind);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
