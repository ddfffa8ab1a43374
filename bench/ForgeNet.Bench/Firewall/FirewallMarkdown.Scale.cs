using System.Text;
using ForgeNet.Bench.Report;

namespace ForgeNet.Bench.Firewall;

/// <summary>The many-sandbox apply, the transaction probe and the targets.</summary>
internal static partial class FirewallMarkdown
{
    private static void Scale(StringBuilder md, FirewallReport report)
    {
        if (report.Scale is not { } s)
        {
            return;
        }
        md.AppendLine(Inv, $"#### A {ScaleBench.Rules}-rule policy applied to {s.Requested} sandboxes on one network, one after another (ms)").AppendLine();
        md.AppendLine(Inv, $"The sandboxes are created first with the default policy (timed, for reference), then each gets the " +
            $"{ScaleBench.Rules}-rule policy of the table above through its own `ApplyPolicy`. First / last 10% = p50 of the first and " +
            $"the last tenth, in order.").AppendLine();
        md.AppendLine("| step | done | total (s) | p50 | p95 | mean | first 10% | last 10% | last / first |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        Row(md, "create sandbox (default policy)", s.SetupMs);
        Row(md, $"apply the {ScaleBench.Rules}-rule policy", s.ApplyMs);
        md.AppendLine();
        if (s.Error is { } error)
        {
            md.AppendLine(Inv, $"- stopped early: {Escape(error)}").AppendLine();
        }
        if (report.Apply.FirstOrDefault(a => a.CidrRules == ScaleBench.Rules) is { Apply.Count: > 0 } few && s.ApplyMs.Count > 0)
        {
            var p50 = LatencyStats.From([.. s.ApplyMs]).P50;
            md.AppendLine(Inv, $"The same policy on the server with 2 sandboxes in the tables: apply p50 {Ms(few.Apply.P50)} ms; " +
                $"with {s.SetupMs.Count + 2}: {Ms(p50)} ms ({Ratio(p50, few.Apply.P50)}).").AppendLine();
        }
    }

    private static void Row(StringBuilder md, string step, IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
        {
            md.AppendLine(Inv, $"| {step} | 0 | | | | | | | |");
            return;
        }
        var all = LatencyStats.From([.. samples]);
        var tenth = Math.Max(1, samples.Count / 10);
        var first = LatencyStats.From([.. samples.Take(tenth)]).P50;
        var last = LatencyStats.From([.. samples.TakeLast(tenth)]).P50;
        md.AppendLine(Inv, $"| {step} | {all.Count} | {(all.Total / 1000).ToString("F2", Inv)} | {Ms(all.P50)} | {Ms(all.P95)} | " +
            $"{Ms(all.Mean)} | {Ms(first)} | {Ms(last)} | {Ratio(last, first)} |");
    }

    private static void Probes(StringBuilder md, IReadOnlyList<NftProbeResult> probes)
    {
        if (probes.Count == 0)
        {
            return;
        }
        md.AppendLine("#### Small nftables transactions against the size of the ruleset (ms, p50 of up to 30 runs)").AppendLine();
        md.AppendLine("Through the engine's own library path (`NftablesBackend.Apply`, libnftables JSON) in the throwaway host " +
            "namespace, each batch touching only a table of the benchmark's own; and `list ruleset` (everything fetched and printed).").AppendLine();
        md.Append("| ruleset | lines of `list ruleset` |");
        foreach (var (name, _) in NftProbe.Batches)
        {
            md.Append(Inv, $" {name} |");
        }
        md.AppendLine(" `list ruleset` |").Append("|---|--:|");
        md.AppendLine(string.Concat(Enumerable.Repeat("--:|", NftProbe.Batches.Count + 1)));
        foreach (var p in probes)
        {
            md.Append(Inv, $"| {p.When} | {p.RulesetLines:N0} |");
            foreach (var (_, stats) in p.Batches)
            {
                md.Append(Inv, $" {Ms(stats.P50)} |");
            }
            md.AppendLine(Inv, $" {Ms(p.ListRuleset.P50)} |");
        }
        md.AppendLine();
    }

    private static void Targets(StringBuilder md, FirewallReport report)
    {
        var rules = report.Options.Rules;
        var a = ThroughputOf(Find(report, Variant.DefaultPolicy));
        var b = ThroughputOf(Find(report, Variant.ForgeNetRules));
        var small = report.Apply.FirstOrDefault(r => r.CidrRules == ScaleBench.Rules && r.Apply.Count > 0);
        var large = report.Apply.FirstOrDefault(r => r.CidrRules == rules && r.Apply.Count > 0);
        md.AppendLine("#### Targets").AppendLine();
        md.AppendLine("| target | measured | status |").AppendLine("|---|---|---|");
        md.AppendLine(Inv, $"| {rules:N0} rules: throughput ≥ 98% of no policy (a) | (b) / (a) = {Percent(b, a)} " +
            $"({F(b, 2)} / {F(a, 2)} Gbit/s, medians) | {Status(b / a >= 0.98, !double.IsNaN(b / a))} |");
        md.AppendLine(Inv, $"| compile + apply < 5 ms, {ScaleBench.Rules}-rule policy | p50 {Ms(small?.Apply.P50 ?? double.NaN)} ms, " +
            $"p95 {Ms(small?.Apply.P95 ?? double.NaN)} ms | {Status(small?.Apply.P50 < 5, small is not null)} |");
        md.AppendLine(Inv, $"| compile + apply < 50 ms, {rules:N0}-rule policy | p50 {Ms(large?.Apply.P50 ?? double.NaN)} ms, " +
            $"p95 {Ms(large?.Apply.P95 ?? double.NaN)} ms | {Status(large?.Apply.P50 < 50, large is not null)} |");
        md.AppendLine();
    }

    private static TrafficResult? Find(FirewallReport report, Variant variant) => report.Traffic.FirstOrDefault(r => r.Variant == variant);

    private static double ThroughputOf(TrafficResult? r) => r is null ? double.NaN : Median(r.Throughput.Select(s => s.GbitPerSecond));

    private static double PingPongOf(TrafficResult? r) => r is null ? double.NaN : Median(r.PingPong.Select(s => s.P50Us));

    private static double UnderLoadOf(TrafficResult? r) => r is null ? double.NaN : Median(r.UnderLoad.Select(s => s.P50Us));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : LatencyStats.Percentile(sorted, 0.5);
    }

    private static string Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "–" : $"{F(list.Min(), 2)}–{F(list.Max(), 2)}";
    }

    private static string Status(bool? met, bool measured) => !measured ? "not measured" : met == true ? "met" : "**not met**";

    private static string Percent(double part, double whole) =>
        double.IsNaN(part) || double.IsNaN(whole) || whole == 0 ? "–" : (part / whole * 100).ToString("F1", Inv) + "%";

    private static string Ratio(double value, double baseline) =>
        double.IsNaN(value) || double.IsNaN(baseline) || baseline == 0 ? "–" : (value / baseline).ToString("F2", Inv) + "×";

    private static string F(double value, int digits) => double.IsNaN(value) ? "–" : value.ToString("F" + digits, Inv);

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(ms < 10 ? "F2" : "F1", Inv);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
