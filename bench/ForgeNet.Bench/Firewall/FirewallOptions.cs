using System.Globalization;

namespace ForgeNet.Bench.Firewall;

/// <summary>Command-line options of `forge-bench firewall`.</summary>
internal sealed record FirewallOptions
{
    /// <summary>A Linux bridge holds 1023 ports; the server and the client take two.</summary>
    public const int MaxSandboxes = 1021;

    public int Rules { get; init; } = 10_000;
    public int Repetitions { get; init; } = 3;
    public int IperfSeconds { get; init; } = 5;
    public int SockperfSeconds { get; init; } = 3;
    public int UnderLoadRate { get; init; } = 10_000;
    public int ApplyRuns { get; init; } = 20;
    public int ApplyBudgetSeconds { get; init; } = 30;
    public IReadOnlyList<int> ApplySizes { get; init; } = [10, 100, 1000];
    public int Sandboxes { get; init; } = 1000;
    public string? MarkdownPath { get; init; }
    public string? CleanupPrefix { get; init; }
    public bool Help { get; init; }

    public const string Usage = """
        forge-bench firewall: what ForgeNet's firewall costs. Two sandboxes (server, client) on one network; iperf3
        throughput and sockperf latency with (a0) no nftables tables at all, (a) the default policy, (b) a ForgeNet
        policy of N CIDR rules on the server, (c) the same N CIDRs as a naive linear nftables chain; then
        Engine.ApplyPolicy time for 10 and N rules, and a 10-rule policy applied to many sandboxes.
        Everything runs in throwaway network namespaces named fnt-fwb-XXXX-*; nothing touches the host's own.

          --rules N                 CIDR rules of the large policy and of the naive chain (default 10000)
          --repetitions N           traffic rounds; each round measures every variant once (default 3)
          --iperf-seconds N         iperf3 -t (default 5)
          --sockperf-seconds N      sockperf -t, for ping-pong and for under-load each (default 3)
          --under-load-rate N       sockperf under-load messages per second (default 10000)
          --apply-runs N            timed ApplyPolicy calls per policy size (default 20)
          --apply-budget SECONDS    per policy size, stop after this long once 3 runs are timed, and after twice
                                    this long with fewer (default 30)
          --apply-sizes LIST        CIDR rules of the policies ApplyPolicy is timed with (default 10,100,1000;
                                    10 and --rules are always added: the targets need them)
          --sandboxes N             sandboxes that each get a 10-rule policy (0..1021; default 1000; 0 = skip)
          --markdown FILE           also write the report to FILE
          --cleanup PREFIX          delete what a killed run with that prefix (fnt-fwb-XXXX) left, then exit
        """;

    /// <summary>Parses the arguments after `firewall`; throws ArgumentException with a one-line message on bad input.</summary>
    public static FirewallOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FirewallOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Number(int min, int max) => Bounded(name, Value(), min, max);
            options = name switch
            {
                "--rules" => options with { Rules = Number(1, 50_000) },
                "--repetitions" => options with { Repetitions = Number(1, 20) },
                "--iperf-seconds" => options with { IperfSeconds = Number(1, 60) },
                "--sockperf-seconds" => options with { SockperfSeconds = Number(1, 60) },
                "--under-load-rate" => options with { UnderLoadRate = Number(100, 1_000_000) },
                "--apply-runs" => options with { ApplyRuns = Number(1, 1000) },
                "--apply-budget" => options with { ApplyBudgetSeconds = Number(1, 3600) },
                "--apply-sizes" => options with { ApplySizes = Sizes(name, Value()) },
                "--sandboxes" => options with { Sandboxes = Number(0, MaxSandboxes) },
                "--markdown" => options with { MarkdownPath = Value() },
                "--cleanup" => options with { CleanupPrefix = Value() },
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return options;
    }

    /// <summary>The policy sizes to time: the requested ones, 10 and --rules, ascending.</summary>
    public IReadOnlyList<int> AllApplySizes() => [.. ApplySizes.Append(ScaleBench.Rules).Append(Rules).Distinct().Order()];

    private static int[] Sizes(string option, string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Bounded(option, s, 1, 50_000))];

    private static int Bounded(string option, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw new ArgumentException($"{option}: '{text}' is not a number in {min}..{max}");
}
