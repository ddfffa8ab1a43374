using System.Globalization;

namespace ForgeNet.Bench.Nft;

/// <summary>Command-line options of forge-bench-nft.</summary>
internal sealed record NftBenchOptions
{
    public IReadOnlyList<int> Endpoints { get; init; } = [0, 100, 1000];
    public IReadOnlyList<int> Flows { get; init; } = [0, 10_000];
    public int Iterations { get; init; } = 30;
    public IReadOnlyList<string> Paths { get; init; } = ["libnftables"];
    public bool Probes { get; init; } = true;
    public string Workload { get; init; } = "engine";
    public bool Help { get; init; }

    public const string Usage = """
        forge-bench-nft: cost of the per-sandbox nftables transaction against tables of growing size.
        Runs in a throwaway network namespace (fnt-<hex>); nothing touches the machine's own ruleset.

          --endpoints 0,100,1000    endpoints' worth of chains, sets and map elements already in the tables
          --flows 0,10000           elements in the bridge table's flows4 timeout set (as after traffic)
          --iterations N            timed add + remove pairs per scenario (default 30)
          --paths a,b               libnftables (JSON through libnftables) and/or direct (the kernel layer's choice)
          --workload NAME           engine (the batches as captured, default), nopeer (without peer sets), lean (without any per-sandbox set)
          --no-probes               skip the single-command probes (which cache level costs what)
        """;

    public static NftBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new NftBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--endpoints" => options with { Endpoints = Numbers(Value()) },
                "--flows" => options with { Flows = Numbers(Value()) },
                "--iterations" => options with { Iterations = Numbers(Value())[0] },
                "--paths" => options with { Paths = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--no-probes" => options with { Probes = false },
                "--workload" => options with { Workload = Value() },
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (!Nft.Workload.Variants.Contains(options.Workload))
            throw new ArgumentException($"--workload: unknown workload '{options.Workload}' (known: {string.Join(", ", Nft.Workload.Variants)})");
        foreach (var path in options.Paths)
        {
            if (path is not ("libnftables" or "direct"))
                throw new ArgumentException($"--paths: unknown path '{path}' (known: libnftables, direct)");
        }
        return options;
    }

    private static int[] Numbers(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"'{s}' is not a number"))
        .Order().ToArray();
}
