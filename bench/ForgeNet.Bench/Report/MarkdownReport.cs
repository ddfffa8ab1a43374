using System.Globalization;
using System.Text;

namespace ForgeNet.Bench.Report;

/// <summary>Renders a <see cref="BenchReport"/> as the markdown tables docs/BENCHMARKS.md quotes.</summary>
internal static class MarkdownReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(BenchReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"### Run {report.RunPrefix}, {report.Started:yyyy-MM-dd HH:mm} UTC").AppendLine();
        foreach (var line in report.Machine)
        {
            md.AppendLine(Inv, $"- {line}");
        }
        md.AppendLine(Inv, $"- command: `{report.CommandLine}`").AppendLine();
        foreach (var size in report.Results.Select(r => r.Size).Distinct())
        {
            Latencies(md, size, report.Results.Where(r => r.Size == size).ToList());
        }
        Ratios(md, report.Results);
        Growth(md, report.Results);
        LimitProbes(md, report.Results);
        Startup(md, report.Startup, report.StartupRuns);
        return md.ToString();
    }

    private static void Latencies(StringBuilder md, int size, List<MethodResult> results)
    {
        md.AppendLine(Inv, $"#### {size} sandboxes on one network (per-sandbox ms; totals in s)").AppendLine();
        md.AppendLine("| method | setup p50 | setup p95 | setup mean | setup total | teardown p50 | teardown p95 | teardown mean | teardown total | host veths gone (ms after last teardown) |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            if (r.Setup.Count == 0)
            {
                md.AppendLine(Inv, $"| {r.Method} | {Short(r.Error)} | | | | | | | | |");
                continue;
            }
            md.AppendLine(Inv, $"| {r.Method} | {Ms(r.Setup.P50)} | {Ms(r.Setup.P95)} | {Ms(r.Setup.Mean)} | {S(r.Setup.Total)} | " +
                $"{Ms(r.Teardown.P50)} | {Ms(r.Teardown.P95)} | {Ms(r.Teardown.Mean)} | {S(r.Teardown.Total)} | " +
                $"{(r.DrainMs is { } d ? d.ToString("F0", Inv) : "timeout")} |");
        }
        md.AppendLine();
        foreach (var r in results.Where(r => r.Error is not null && r.Setup.Count > 0))
        {
            md.AppendLine(Inv, $"- {r.Method}, n={r.Size}: {r.Error}");
        }
        md.AppendLine();
    }

    private static void Ratios(StringBuilder md, IReadOnlyList<MethodResult> results)
    {
        md.AppendLine("#### Speed-up against the baselines (baseline time / method time; above 1 = faster)").AppendLine();
        md.AppendLine("End to end = setup total + teardown total + time until the kernel removed the host veths.").AppendLine();
        md.AppendLine("| method | n | setup p50 vs ip-batch | setup p50 vs cni | teardown p50 vs ip-batch | teardown p50 vs cni | end to end vs ip-batch | end to end vs cni |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results.Where(r => r.Setup.Count > 0))
        {
            var batch = Find(results, "ip-batch", r.Size);
            var cni = Find(results, "cni", r.Size);
            md.AppendLine(Inv, $"| {r.Method} | {r.Size} | {X(batch?.Setup.P50, r.Setup.P50)} | {X(cni?.Setup.P50, r.Setup.P50)} | " +
                $"{X(batch?.Teardown.P50, r.Teardown.P50)} | {X(cni?.Teardown.P50, r.Teardown.P50)} | " +
                $"{X(EndToEnd(batch), EndToEnd(r))} | {X(EndToEnd(cni), EndToEnd(r))} |");
        }
        md.AppendLine();
    }

    /// <summary>Setup p50 of the first and the last tenth of the sandboxes, for runs of 500 or more.</summary>
    private static void Growth(StringBuilder md, IReadOnlyList<MethodResult> results)
    {
        var runs = results.Where(r => r.SetupSamples.Count >= 500).ToList();
        if (runs.Count == 0)
        {
            return;
        }
        md.AppendLine("#### Does setup slow down as the network fills? (setup p50, ms)").AppendLine();
        md.AppendLine("| method | n | first 10% | last 10% | last / first |").AppendLine("|---|--:|--:|--:|--:|");
        foreach (var r in runs)
        {
            var tenth = r.SetupSamples.Count / 10;
            var first = LatencyStats.From(r.SetupSamples.Take(tenth).ToList()).P50;
            var last = LatencyStats.From(r.SetupSamples.TakeLast(tenth).ToList()).P50;
            md.AppendLine(Inv, $"| {r.Method} | {r.Size} | {Ms(first)} | {Ms(last)} | {(last / first).ToString("F2", Inv)}× |");
        }
        md.AppendLine();
    }

    private static void LimitProbes(StringBuilder md, IReadOnlyList<MethodResult> results)
    {
        var probes = results.Where(r => r.LimitProbe is not null).ToList();
        if (probes.Count == 0)
        {
            return;
        }
        md.AppendLine("#### The 1024th sandbox on one network").AppendLine();
        md.AppendLine("| method | what happened |").AppendLine("|---|---|");
        foreach (var r in probes)
        {
            md.AppendLine(Inv, $"| {r.Method} | {Escape(r.LimitProbe!)} |");
        }
        md.AppendLine();
    }

    private static void Startup(StringBuilder md, IReadOnlyList<StartupResult> startup, int runs)
    {
        if (startup.Count == 0)
        {
            return;
        }
        md.AppendLine(Inv, $"#### Process start ({runs} runs after 3 warm-up runs; ms from Process.Start to exit)").AppendLine();
        md.AppendLine("| command | p50 | p95 | mean |").AppendLine("|---|--:|--:|--:|");
        foreach (var s in startup)
        {
            md.AppendLine(s.Stats is { } st
                ? string.Create(Inv, $"| `{s.Command}` | {Ms(st.P50)} | {Ms(st.P95)} | {Ms(st.Mean)} |")
                : string.Create(Inv, $"| `{s.Command}` | {Short(s.Error)} | | |"));
        }
        md.AppendLine();
    }

    private static MethodResult? Find(IReadOnlyList<MethodResult> results, string method, int size) =>
        results.FirstOrDefault(r => r.Method == method && r.Size == size && r.Setup.Count > 0);

    private static double? EndToEnd(MethodResult? r) =>
        r is null || r.DrainMs is null ? null : r.Setup.Total + r.Teardown.Total + r.DrainMs.Value;

    private static string X(double? baseline, double? method) =>
        baseline is { } b && method is { } m && m > 0 && !double.IsNaN(b) && !double.IsNaN(m)
            ? (b / m).ToString("F2", Inv) + "×" : "–";

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(ms < 10 ? "F2" : "F1", Inv);

    private static string S(double ms) => (ms / 1000).ToString("F2", Inv);

    private static string Short(string? error) => Escape(error ?? "no data");

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
