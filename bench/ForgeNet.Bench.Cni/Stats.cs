namespace ForgeNet.Bench.Cni;

/// <summary>Latency percentiles in milliseconds (nearest-rank).</summary>
public sealed record Stats(int Count, double P50, double P95, double Mean)
{
    public static Stats Of(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
            return new Stats(0, double.NaN, double.NaN, double.NaN);
        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), sorted.Average());
    }

    private static double Rank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
