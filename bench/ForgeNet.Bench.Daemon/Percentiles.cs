namespace ForgeNet.Bench.Daemon;

/// <summary>p50/p95 of a list of durations in milliseconds (nearest rank).</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
