using System.Diagnostics;
using System.Net;
using ForgeNet.Bench.Report;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Bench.Firewall;

/// <summary>How big the ruleset was and what a small transaction cost at that moment.</summary>
internal sealed record NftProbeResult(string When, int RulesetLines, LatencyStats ListRuleset, LatencyStats SmallBatch);

/// <summary>
/// Measures the fixed cost of one libnftables transaction against the size of the ruleset, through the same library
/// path the engine uses (an NftablesBackend in the host namespace): a small idempotent batch in a table of the
/// benchmark's own (add table, add chain, flush chain, add rule, add set, add element), and `list ruleset`, which
/// fetches everything. libnftables fills its cache from the kernel before each command, so a batch that touches
/// almost nothing still pays for whatever part of the ruleset that cache needs.
/// </summary>
internal sealed class NftProbe : IDisposable
{
    private const int Runs = 30;
    private static readonly NftTable Table = new(NftFamily.Inet, "fwbprobe");

    private readonly NftablesBackend _backend;

    /// <summary>Opens a libnftables context; call on the host namespace's thread (the context binds to the caller's namespace).</summary>
    public NftProbe() => _backend = NftablesBackend.Open();

    public NftProbeResult Measure(string when)
    {
        var batch = new NftTransaction()
            .AddTable(Table)
            .AddChain(NftChain.Regular(Table, "c"))
            .FlushChain(Table, "c")
            .AddRule(NftRule.In(Table, "c").Counter().Accept().Build())
            .AddSet(NftSet.Of(Table, "s", NftDataType.Ipv4Addr))
            .AddElements(Table, "s", new NftElement(NftValue.Address(IPAddress.Parse("192.0.2.1"))));
        _backend.Apply(batch); // warm-up, and creates the table
        var small = Time(() => _backend.Apply(batch));
        var lines = 0;
        var list = Time(() => lines = _backend.Context.RunText("list ruleset").Count(c => c == '\n'));
        return new NftProbeResult(when, lines, list, small);
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

    private static LatencyStats Time(Action action)
    {
        var samples = new List<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return LatencyStats.From(samples);
    }
}
