using System.Diagnostics;
using System.Net;
using ForgeNet.Bench.Report;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Bench.Firewall;

/// <summary>How big the ruleset was and what small transactions cost at that moment (ms per batch).</summary>
internal sealed record NftProbeResult(string When, int RulesetLines, IReadOnlyList<(string Batch, LatencyStats Stats)> Batches,
    LatencyStats ListRuleset);

/// <summary>
/// Measures the fixed cost of one libnftables transaction against the size of the ruleset, through the same library
/// path the engine uses (an NftablesBackend in the host namespace). Each batch touches only a table of the benchmark's
/// own; libnftables fills its cache from the kernel before each batch, so a batch that changes almost nothing still
/// pays for whatever part of the whole ruleset its commands need in that cache. `list ruleset` fetches everything.
/// </summary>
internal sealed class NftProbe : IDisposable
{
    private const int Runs = 30;
    private const int MinRuns = 3;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
    private static readonly NftTable Table = new(NftFamily.Inet, "fwbprobe");

    private readonly NftablesBackend _backend;

    /// <summary>Opens a libnftables context; call on the host namespace's thread (the context binds to the caller's namespace).</summary>
    public NftProbe() => _backend = NftablesBackend.Open();

    /// <summary>The batches, by what they hold; each is idempotent or only grows the probe table by one rule.</summary>
    public static IReadOnlyList<(string Name, Func<NftTransaction> Build)> Batches { get; } =
    [
        ("add table", () => new NftTransaction().AddTable(Table)),
        ("add + flush chain", () => new NftTransaction().AddChain(NftChain.Regular(Table, "c")).FlushChain(Table, "c")),
        ("add rule", () => new NftTransaction().AddRule(NftRule.In(Table, "r").Counter().Accept().Build())),
        ("add element", () => new NftTransaction().AddElements(Table, "s", new NftElement(NftValue.Address(IPAddress.Parse("192.0.2.1"))))),
        ("all four, one batch", () => new NftTransaction().AddTable(Table).AddChain(NftChain.Regular(Table, "c")).FlushChain(Table, "c")
            .AddRule(NftRule.In(Table, "c").Counter().Accept().Build())
            .AddElements(Table, "s", new NftElement(NftValue.Address(IPAddress.Parse("192.0.2.1"))))),
    ];

    public NftProbeResult Measure(string when)
    {
        _backend.Apply(new NftTransaction().AddTable(Table).AddChain(NftChain.Regular(Table, "c")).AddChain(NftChain.Regular(Table, "r"))
            .AddSet(NftSet.Of(Table, "s", NftDataType.Ipv4Addr)));
        var batches = new List<(string, LatencyStats)>();
        foreach (var (name, build) in Batches)
        {
            var tx = build();
            _backend.Apply(tx); // warm-up
            batches.Add((name, Time(() => _backend.Apply(tx))));
        }
        _backend.Apply(new NftTransaction().FlushChain(Table, "r"));
        var lines = 0;
        var list = Time(() => lines = _backend.Context.RunText("list ruleset").Count(c => c == '\n'));
        return new NftProbeResult(when, lines, batches, list);
    }

    public void Dispose()
    {
        try
        {
            _backend.Apply(new NftTransaction().DeleteTableIfExists(Table));
        }
        finally
        {
            _backend.Dispose();
        }
    }

    // Up to Runs runs, or fewer (at least MinRuns) once the budget is spent: at 1000 sandboxes a listing takes seconds.
    private static LatencyStats Time(Action action)
    {
        var samples = new List<double>(Runs);
        var budget = Stopwatch.StartNew();
        while (samples.Count < Runs && (samples.Count < MinRuns || budget.Elapsed < Budget))
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return LatencyStats.From(samples);
    }
}
