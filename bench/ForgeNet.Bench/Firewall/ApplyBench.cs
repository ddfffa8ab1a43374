using System.Diagnostics;
using ForgeNet.Bench.Report;
using ForgeNet.Core.Policy;

namespace ForgeNet.Bench.Firewall;

/// <summary>
/// Policy compile + apply time: <see cref="ForgeNet.Core.Engine.ApplyPolicy"/> on the server, end to end (validate,
/// store write, compile, one nftables batch, read back the sandbox), alternating two policies of the same size whose
/// addresses all differ, so every call really changes the ruleset. The compile step alone is internal to the engine
/// and not measured apart. Parsing the YAML is timed separately.
/// </summary>
internal sealed class ApplyBench(FirewallLab lab, FirewallOptions options, CancellationToken token)
{
    /// <summary>Untimed runs before the first size, so JIT compilation is not charged to it (later sizes run the same code).</summary>
    private const int WarmupRuns = 2;

    /// <summary>A size stops after the time budget only once it has this many timed runs.</summary>
    private const int MinRuns = 3;

    private bool _warm;

    public ApplyResult Measure(int cidrRules)
    {
        Progress.Say($"  apply: {cidrRules:N0} CIDR rules (+1 peer rule), up to {options.ApplyRuns} runs or {options.ApplyBudgetSeconds} s");
        var yaml = new[] { CidrPolicy.Yaml(cidrRules, 0, FirewallLab.Client), CidrPolicy.Yaml(cidrRules, 1, FirewallLab.Client) };
        var parse = new List<double>();
        var apply = new List<double>();
        var warmup = _warm ? 0 : WarmupRuns;
        _warm = true;
        var budget = Stopwatch.StartNew();
        try
        {
            for (var i = 0; !Done(apply.Count, budget.Elapsed); i++)
            {
                var start = Stopwatch.GetTimestamp();
                var policy = PolicyLoader.Parse(yaml[i % 2], $"policy-{cidrRules}-{i % 2}.yaml").Policy;
                var parsed = Stopwatch.GetTimestamp();
                lab.Engine.ApplyPolicy(FirewallLab.Server, policy);
                if (i >= warmup)
                {
                    parse.Add(Stopwatch.GetElapsedTime(start, parsed).TotalMilliseconds);
                    apply.Add(Stopwatch.GetElapsedTime(parsed).TotalMilliseconds);
                }
            }
            lab.Reset();
            return Result(cidrRules, parse, apply, null);
        }
        catch (Exception e) when (e is Core.Errors.ForgeException or PolicyException or CommandFailedException)
        {
            return Result(cidrRules, parse, apply, e.Message);
        }
    }

    // Past the budget a size stops once it has MinRuns, and past twice the budget with whatever it has (at least one):
    // a policy whose apply takes longer than the budget must not hold the run for minutes.
    private bool Done(int runs, TimeSpan elapsed)
    {
        var budget = TimeSpan.FromSeconds(options.ApplyBudgetSeconds);
        return token.IsCancellationRequested || runs >= options.ApplyRuns
            || (runs >= MinRuns && elapsed > budget) || (runs >= 1 && elapsed > 2 * budget);
    }

    private static ApplyResult Result(int rules, List<double> parse, List<double> apply, string? error) =>
        new(rules, LatencyStats.From(parse), LatencyStats.From(apply), error) { MaxApply = apply.Count > 0 ? apply.Max() : double.NaN };
}
