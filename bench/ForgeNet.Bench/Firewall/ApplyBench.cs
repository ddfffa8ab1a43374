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
    private const int WarmupRuns = 2;

    public ApplyResult Measure(int cidrRules)
    {
        Progress.Say($"  apply: {cidrRules:N0} CIDR rules (+1 peer rule), {options.ApplyRuns} runs");
        var yaml = new[] { CidrPolicy.Yaml(cidrRules, 0, FirewallLab.Client), CidrPolicy.Yaml(cidrRules, 1, FirewallLab.Client) };
        var parse = new List<double>();
        var apply = new List<double>();
        try
        {
            for (var i = 0; i < WarmupRuns + options.ApplyRuns && !token.IsCancellationRequested; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var policy = PolicyLoader.Parse(yaml[i % 2], $"policy-{cidrRules}-{i % 2}.yaml").Policy;
                var parsed = Stopwatch.GetTimestamp();
                lab.Engine.ApplyPolicy(FirewallLab.Server, policy);
                if (i >= WarmupRuns)
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

    private static ApplyResult Result(int rules, List<double> parse, List<double> apply, string? error) =>
        new(rules, LatencyStats.From(parse), LatencyStats.From(apply), error) { MaxApply = apply.Count > 0 ? apply.Max() : double.NaN };
}
