namespace ForgeNet.Bench;

/// <summary>Command-line options of forge-bench.</summary>
internal sealed record BenchOptions
{
    public static readonly string[] AllMethods = ["engine", "cli", "ip", "ip-batch", "cni"];

    public IReadOnlyList<int> Sizes { get; init; } = [100, 1000];
    public IReadOnlyList<string> Methods { get; init; } = AllMethods;
    public string Forge { get; init; } = "forge";
    public string CniPath { get; init; } = "/usr/lib/cni";
    public string? MarkdownPath { get; init; }
    public int StartupRuns { get; init; } = 50;
    public bool LimitProbe { get; init; } = true;
    public string? CleanupPrefix { get; init; }
    public bool Help { get; init; }

    public const string Usage = """
        forge-bench: sandbox setup/teardown latency, ForgeNet against ip, ip -batch and the reference CNI plugins.
        Everything runs in throwaway network namespaces named fnt-bench-XXXX-*; nothing touches the host's own.

          --sizes 100,1000          sandboxes per method and run (each 1..1023; default 100,1000)
          --methods a,b             any of engine, cli, ip, ip-batch, cni (default: all)
          --forge PATH              the forge binary for the cli method and the start-up test (default: forge on PATH)
          --cni-path DIR            directory of the reference CNI plugins (default /usr/lib/cni)
          --markdown FILE           also write the report to FILE
          --startup-runs N          runs of `forge --version` for the start-up figure (default 50; 0 = skip)
          --no-limit-probe          skip creating sandboxes up to the 1024th on the largest size
          --cleanup PREFIX          delete what a crashed run with that prefix (fnt-bench-XXXX) left, then exit

        forge-bench firewall --help: the firewall benchmark (throughput, latency and policy apply times).
        """;

    /// <summary>Parses argv; throws ArgumentException with a one-line message on bad input.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = ParseSizes(Value()) },
                "--methods" => options with { Methods = ParseMethods(Value()) },
                "--forge" => options with { Forge = Value() },
                "--cni-path" => options with { CniPath = Value() },
                "--markdown" => options with { MarkdownPath = Value() },
                "--startup-runs" => options with { StartupRuns = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--no-limit-probe" => options with { LimitProbe = false },
                "--cleanup" => options with { CleanupPrefix = Value() },
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }

    private static int[] ParseSizes(string text)
    {
        var sizes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var n) && n is >= 1 and <= 1023 ? n : throw new ArgumentException(
                $"--sizes: '{s}' is not a number in 1..1023 (a Linux bridge holds at most 1023 ports)"))
            .ToArray();
        return sizes.Length > 0 ? sizes : throw new ArgumentException("--sizes: empty");
    }

    private static string[] ParseMethods(string text)
    {
        var methods = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var m in methods)
        {
            if (!AllMethods.Contains(m))
            {
                throw new ArgumentException($"--methods: unknown method '{m}' (known: {string.Join(", ", AllMethods)})");
            }
        }
        return methods.Length > 0 ? methods : throw new ArgumentException("--methods: empty");
    }
}
