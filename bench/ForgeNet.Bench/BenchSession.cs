using ForgeNet.Bench.Methods;
using ForgeNet.Bench.Report;

namespace ForgeNet.Bench;

/// <summary>One benchmark run: every method at every size, the start-up figures, the report, and cleanup.</summary>
internal sealed class BenchSession(BenchOptions options, IReadOnlyList<string> args, CancellationToken token)
{
    private readonly string _tag = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));

    private string RunPrefix => "fnt-bench-" + _tag;

    public int Run()
    {
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();
        Progress.Say($"forge-bench: run prefix {RunPrefix} (if killed: forge-bench --cleanup {RunPrefix})");
        Directory.CreateDirectory(Cleanup.TempDirectory(RunPrefix), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var forge = MachineInfo.ResolveForge(options.Forge);
            var runner = new Runner(options, RunPrefix, _tag, token);
            var results = RunMethods(runner, forge);
            var startup = token.IsCancellationRequested ? [] : MeasureStartup(runner, forge);
            var machine = MachineInfo.Describe(options, forge).Append(
                $"load average (1/5/15 min; other jobs share the machine): {loadAtStart} at start, {MachineInfo.LoadAverage()} at end").ToList();
            var report = new BenchReport(RunPrefix, started, CommandLine(), machine, results, startup, options.StartupRuns);
            var markdown = MarkdownReport.Render(report);
            Console.WriteLine(markdown);
            if (options.MarkdownPath is { } path)
            {
                File.WriteAllText(path, markdown);
            }
            return token.IsCancellationRequested ? 130 : 0;
        }
        finally
        {
            Cleanup.All(RunPrefix);
        }
    }

    private List<MethodResult> RunMethods(Runner runner, string? forge)
    {
        var results = new List<MethodResult>();
        var largest = options.Sizes.Max();
        foreach (var size in options.Sizes)
        {
            foreach (var name in options.Methods)
            {
                if (token.IsCancellationRequested)
                {
                    return results;
                }
                var method = MethodFactory.Create(name, options, forge, out var reason);
                if (method is null)
                {
                    var empty = LatencyStats.From([]);
                    results.Add(new MethodResult(name, size, empty, empty, null, null, reason));
                    continue;
                }
                var probe = options.LimitProbe && size == largest && size >= 1000;
                results.Add(runner.Run(method, size, probe));
            }
        }
        return results;
    }

    private List<StartupResult> MeasureStartup(Runner runner, string? forge)
    {
        if (options.StartupRuns <= 0)
        {
            return [];
        }
        Progress.Say($"process start: {options.StartupRuns} runs each");
        return runner.InThrowawayHost("startup", hostPath =>
        {
            var environment = ForgeEnvironment.For(hostPath, Path.Combine(Cleanup.TempDirectory(RunPrefix), "startup"),
                $"{RunPrefix}-startup-");
            var list = new List<StartupResult> { Time("/bin/true", [], null) };
            if (forge is null)
            {
                list.Add(new StartupResult($"{options.Forge} --version", null, $"skipped: {options.Forge} not found"));
                return list;
            }
            list.Add(Time(forge, ["--version"], environment));
            list.Add(Time(forge, ["network", "ls"], environment));
            return list;
        });
    }

    private StartupResult Time(string file, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var label = string.Join(' ', [Path.GetFileName(file) == "forge" ? "forge" : file, .. arguments]);
        try
        {
            return new StartupResult(label, StartupBench.Measure(file, arguments, options.StartupRuns, environment), null);
        }
        catch (Exception e) when (e is CommandFailedException or System.ComponentModel.Win32Exception)
        {
            return new StartupResult(label, null, e.Message);
        }
    }

    // scripts/bench passes the command a reader should type; run directly, say how it was run.
    private string CommandLine() =>
        Environment.GetEnvironmentVariable("FORGE_BENCH_COMMAND")
        ?? "dotnet run -c Release --project bench/ForgeNet.Bench -- " + string.Join(' ', args);
}
