namespace ForgeNet.Bench.Report;

/// <summary>Everything one run measured, with what it ran on and how to reproduce it.</summary>
internal sealed record BenchReport(string RunPrefix, DateTimeOffset Started, string CommandLine,
    IReadOnlyList<string> Machine, IReadOnlyList<MethodResult> Results, IReadOnlyList<StartupResult> Startup,
    int StartupRuns);
