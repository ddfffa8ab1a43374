using System.Diagnostics;
using ForgeNet.Bench.Report;

namespace ForgeNet.Bench;

/// <summary>Process start-up: N runs of one command, after a few unmeasured warm-up runs.</summary>
internal static class StartupBench
{
    private const int WarmupRuns = 3;

    /// <summary>Wall time from Process.Start to exit, per run; throws if the command fails.</summary>
    public static LatencyStats Measure(string file, IReadOnlyList<string> args, int runs,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        for (var i = 0; i < WarmupRuns; i++)
        {
            Command.Run(file, args, environment: environment);
        }
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Command.Run(file, args, environment: environment);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return LatencyStats.From(samples);
    }
}
