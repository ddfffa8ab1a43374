using System.Globalization;
using System.Text;
using ForgeNet.Bench.Report;

namespace ForgeNet.Bench.Firewall;

/// <summary>Renders a <see cref="FirewallReport"/> as the markdown docs/BENCHMARKS.md quotes.</summary>
internal static partial class FirewallMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(FirewallReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"### Run {report.RunPrefix}, {report.Started:yyyy-MM-dd HH:mm} UTC").AppendLine();
        foreach (var line in report.Machine)
        {
            md.AppendLine(Inv, $"- {line}");
        }
        md.AppendLine(Inv, $"- command: `{report.CommandLine}`").AppendLine();
        if (report.Error is { } error)
        {
            md.AppendLine(Inv, $"**The run stopped early:** {Escape(error)}").AppendLine();
        }
        Traffic(md, report);
        Switching(md, report);
        Apply(md, report);
        Scale(md, report);
        Probes(md, report.Probes);
        Targets(md, report);
        return md.ToString();
    }

    private static void Traffic(StringBuilder md, FirewallReport report)
    {
        if (report.Traffic.Count == 0)
        {
            return;
        }
        var o = report.Options;
        md.AppendLine(Inv, $"#### Traffic from the client sandbox to the server sandbox (median of {o.Repetitions} rounds)").AppendLine();
        md.AppendLine(Inv, $"iperf3 `-t {o.IperfSeconds}` (TCP, one stream; Gbit/s at the receiver), sockperf `ping-pong --tcp` and " +
            $"`under-load --tcp --mps {o.UnderLoadRate} --reply-every 10`, `-t {o.SockperfSeconds}` each (latency in µs, " +
            $"half round trip as sockperf reports it). Ratios against (a): throughput above 1 = faster, latency above 1 = slower.").AppendLine();
        md.AppendLine("| variant | Gbit/s | min–max | vs (a) | vs (a0) | retransmits | ping-pong p50 | p99 | p50 vs (a) | under-load p50 | p99 | p50 vs (a) | rounds |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var a = Find(report, Variant.DefaultPolicy);
        var a0 = Find(report, Variant.NoTables);
        foreach (var r in report.Traffic)
        {
            var gbit = Median(r.Throughput.Select(s => s.GbitPerSecond));
            var pp = Median(r.PingPong.Select(s => s.P50Us));
            var ul = Median(r.UnderLoad.Select(s => s.P50Us));
            md.AppendLine(Inv, $"| {r.Variant.Label(o.Rules)} | {F(gbit, 2)} | {Range(r.Throughput.Select(s => s.GbitPerSecond))} | " +
                $"{Ratio(gbit, ThroughputOf(a))} | {Ratio(gbit, ThroughputOf(a0))} | {F(Median(r.Throughput.Select(s => (double)s.Retransmits)), 0)} | " +
                $"{F(pp, 1)} | {F(Median(r.PingPong.Select(s => s.P99Us)), 1)} | {Ratio(pp, PingPongOf(a))} | " +
                $"{F(ul, 1)} | {F(Median(r.UnderLoad.Select(s => s.P99Us)), 1)} | {Ratio(ul, UnderLoadOf(a))} | {r.Throughput.Count}/{o.Repetitions} |");
        }
        md.AppendLine();
        foreach (var r in report.Traffic)
        {
            var closed = string.Join(", ", r.ClosedPort.Distinct());
            md.AppendLine(Inv, $"- {r.Variant.Label(o.Rules)}: a connection to closed port {CidrPolicy.ClosedPort} was {(closed.Length == 0 ? "not probed" : closed)} " +
                $"(expected {r.Variant.ExpectedForClosedPort()}).");
            foreach (var problem in r.Problems)
            {
                md.AppendLine(Inv, $"  - {Escape(problem)}");
            }
        }
        md.AppendLine();
        if (Find(report, Variant.ForgeNetRules)?.ServerChain is { Length: > 0 } chain)
        {
            md.AppendLine("The server's ingress chain in the bridge table after the first round of (b), as `nft list chain` prints it " +
                "(a packet from the client walks it top down; the address set holds the CIDRs; the counters show where the client's packets matched):").AppendLine();
            md.AppendLine("```").AppendLine(chain).AppendLine("```").AppendLine();
        }
    }

    private static void Switching(StringBuilder md, FirewallReport report)
    {
        if (report.Traffic.Count == 0)
        {
            return;
        }
        md.AppendLine("Putting each variant in force between rounds (ms, median; not part of any figure above): " + string.Join("; ",
            report.Traffic.Select(r => $"{r.Variant.Label(report.Options.Rules)} {F(Median(r.SwitchMs), 1)}")) + ".").AppendLine();
    }

    private static void Apply(StringBuilder md, FirewallReport report)
    {
        var results = report.Apply;
        if (results.Count == 0)
        {
            return;
        }
        md.AppendLine("#### Policy compile + apply on the server (`Engine.ApplyPolicy`, end to end, ms)").AppendLine();
        md.AppendLine(Inv, $"Each policy is N CIDR rules plus the client's rule, mode private; runs alternate two policies whose " +
            $"addresses all differ (2 untimed warm-up runs before the first size); each size stops after {report.Options.ApplyRuns} runs, " +
            $"after {report.Options.ApplyBudgetSeconds} s once 3 are timed, or after {2 * report.Options.ApplyBudgetSeconds} s with fewer. Parse = `PolicyLoader.Parse` of the YAML text, timed apart.").AppendLine();
        md.AppendLine("| CIDR rules | runs | parse p50 | apply p50 | apply p95 | apply mean | apply max |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            md.AppendLine(Inv, $"| {r.CidrRules:N0} | {r.Apply.Count} | {Ms(r.Parse.P50)} | {Ms(r.Apply.P50)} | {Ms(r.Apply.P95)} | " +
                $"{Ms(r.Apply.Mean)} | {Ms(r.MaxApply)} |");
        }
        md.AppendLine();
        foreach (var r in results.Where(r => r.Error is not null))
        {
            md.AppendLine(Inv, $"- {r.CidrRules:N0} rules: stopped: {Escape(r.Error!)}");
        }
        md.AppendLine();
    }
}
