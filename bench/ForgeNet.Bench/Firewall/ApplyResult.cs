using ForgeNet.Bench.Report;

namespace ForgeNet.Bench.Firewall;

/// <summary>ApplyPolicy timings for one policy size: parse (PolicyLoader.Parse) and apply (Engine.ApplyPolicy), in ms.</summary>
internal sealed record ApplyResult(int CidrRules, LatencyStats Parse, LatencyStats Apply, string? Error)
{
    /// <summary>The largest single apply, in ms (p95 hides one slow outlier in 20 runs).</summary>
    public double MaxApply { get; init; } = double.NaN;
}
