using ForgeNet.Core;

namespace ForgeNet.Bench.Firewall;

/// <summary>
/// One firewall run, all inside one throwaway host namespace (fnt-fwb-XXXX-fw-host) whose sandboxes are
/// fnt-fwb-XXXX-fw-*: traffic per variant, then policy apply times, then the many-sandbox apply; the report; cleanup,
/// also after an error or Ctrl-C.
/// </summary>
internal sealed class FirewallSession(FirewallOptions options, IReadOnlyList<string> args, CancellationToken token)
{
    private const string Purpose = "fw";
    private readonly string _tag = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));

    private string RunPrefix => FirewallCleanup.PrefixStart + _tag;

    public int Run()
    {
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();
        Progress.Say($"forge-bench firewall: run prefix {RunPrefix} (if killed: forge-bench firewall --cleanup {RunPrefix})");
        Directory.CreateDirectory(Cleanup.TempDirectory(RunPrefix), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var runner = new Runner(new BenchOptions(), RunPrefix, _tag, token);
            var report = runner.InThrowawayHost(Purpose, hostPath => Measure(hostPath, started));
            report = report with
            {
                Machine = [.. report.Machine,
                    $"load average (1/5/15 min; other jobs share the machine): {loadAtStart} at start, {MachineInfo.LoadAverage()} at end"],
            };
            var markdown = FirewallMarkdown.Render(report);
            Console.WriteLine(markdown);
            if (options.MarkdownPath is { } path)
            {
                File.WriteAllText(path, markdown);
            }
            return token.IsCancellationRequested ? 130 : report.Error is null ? 0 : 1;
        }
        finally
        {
            FirewallCleanup.All(RunPrefix);
        }
    }

    private FirewallReport Measure(string hostPath, DateTimeOffset started)
    {
        var report = new FirewallReport(RunPrefix, started, CommandLine(), options, FirewallMachine.Describe());
        var engineOptions = new EngineOptions
        {
            StateDirectory = Path.Combine(Cleanup.TempDirectory(RunPrefix), "state"),
            HostNamespacePath = hostPath,
            NamespacePrefix = $"{RunPrefix}-{Purpose}-",
        };
        var probes = new List<NftProbeResult>();
        var apply = new List<ApplyResult>();
        try
        {
            Progress.Say("setting up: network, server and client sandboxes");
            using var lab = FirewallLab.Create(engineOptions, options.Rules);
            report = report with { Traffic = new TrafficBench(lab, options, token).Run() };
            using var probe = new NftProbe();
            probes.Add(probe.Measure("server and client, default policy"));
            var applyBench = new ApplyBench(lab, options, token);
            foreach (var rules in options.AllApplySizes())
            {
                if (!token.IsCancellationRequested)
                {
                    apply.Add(applyBench.Measure(rules));
                }
            }
            if (options.Sandboxes > 0 && !token.IsCancellationRequested)
            {
                report = report with { Scale = new ScaleBench(lab, options.Sandboxes, token).Run() };
                probes.Add(probe.Measure($"{options.Sandboxes + 2} sandboxes, {options.Sandboxes} of them with the 10-rule policy"));
            }
            return report with { Apply = apply, Probes = probes };
        }
        catch (Exception e) when (e is Core.Errors.ForgeException or CommandFailedException or InvalidOperationException
            or Kernel.Nftables.NftablesException)
        {
            Progress.Say($"forge-bench firewall: {e.Message}");
            return report with { Apply = apply, Probes = probes, Error = e.Message };
        }
    }

    // scripts/bench-firewall passes the command a reader should type; run directly, say how it was run.
    private string CommandLine() =>
        Environment.GetEnvironmentVariable("FORGE_BENCH_COMMAND")
        ?? "dotnet run -c Release --project bench/ForgeNet.Bench -- firewall " + string.Join(' ', args);
}
