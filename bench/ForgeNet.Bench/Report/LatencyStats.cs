namespace ForgeNet.Bench.Report;

/// <summary>Summary of one series of per-sandbox latencies, all in milliseconds.</summary>
internal sealed record LatencyStats(int Count, double P50, double P95, double Mean, double Total)
{
    /// <summary>Summarises samples (ms); percentiles interpolate linearly between ranks (numpy's default).</summary>
    public static LatencyStats From(IReadOnlyCollection<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            return new LatencyStats(0, double.NaN, double.NaN, double.NaN, 0);
        }
        var sorted = samplesMs.Order().ToArray();
        var total = sorted.Sum();
        return new LatencyStats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95),
            total / sorted.Length, total);
    }

    /// <summary>The q-quantile (0..1) of an ascending array.</summary>
    public static double Percentile(double[] sorted, double q)
    {
        var rank = q * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
