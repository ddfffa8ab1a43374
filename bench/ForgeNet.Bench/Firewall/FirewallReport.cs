namespace ForgeNet.Bench.Firewall;

/// <summary>Everything one firewall run measured, with what it ran on and how to reproduce it.</summary>
internal sealed record FirewallReport(string RunPrefix, DateTimeOffset Started, string CommandLine, FirewallOptions Options,
    IReadOnlyList<string> Machine)
{
    public IReadOnlyList<TrafficResult> Traffic { get; init; } = [];
    public IReadOnlyList<ApplyResult> Apply { get; init; } = [];
    public ScaleResult? Scale { get; init; }
    public IReadOnlyList<NftProbeResult> Probes { get; init; } = [];

    /// <summary>Why the run ended before measuring everything, if it did.</summary>
    public string? Error { get; init; }
}
