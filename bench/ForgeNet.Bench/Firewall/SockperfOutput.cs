using System.Globalization;
using System.Text.RegularExpressions;

namespace ForgeNet.Bench.Firewall;

/// <summary>One sockperf client run: mean, median and 99th percentile latency in microseconds, and how many observations.</summary>
internal sealed partial record SockperfSample(double AverageUs, double P50Us, double P99Us, long Observations)
{
    /// <summary>
    /// Reads sockperf's summary ("====> avg-latency=11.215 (std-dev=…)", "Total 69016 observations",
    /// "---> percentile 50.000 =    6.940"); colour escapes are ignored. Throws FormatException when a figure is missing.
    /// </summary>
    public static SockperfSample Parse(string output)
    {
        var text = Escape().Replace(output, "");
        return new SockperfSample(
            Number(AverageLatency().Match(text), "avg-latency"),
            Number(Percentile50().Match(text), "percentile 50.000"),
            Number(Percentile99().Match(text), "percentile 99.000"),
            (long)Number(ObservationCount().Match(text), "observations"));
    }

    private static double Number(Match match, string what) => match.Success
        ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : throw new FormatException($"sockperf: no '{what}' in its output");

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Escape();

    [GeneratedRegex(@"avg-latency=([0-9.]+)")]
    private static partial Regex AverageLatency();

    [GeneratedRegex(@"percentile 50\.000 =\s*([0-9.]+)")]
    private static partial Regex Percentile50();

    [GeneratedRegex(@"percentile 99\.000 =\s*([0-9.]+)")]
    private static partial Regex Percentile99();

    [GeneratedRegex(@"Total ([0-9]+) observations")]
    private static partial Regex ObservationCount();
}
