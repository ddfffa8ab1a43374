using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ForgeNet.Bench.Dns;

/// <summary>
/// The runtime's allocation samples (one event per ~100 KB allocated, naming the type that crossed the mark), counted by
/// type: where a run's garbage comes from. Enabled with FORGE_BENCH_ALLOCATIONS=1; costs a little while it runs.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, int> _samples = new(StringComparer.Ordinal);

    public bool Recording { get; set; }

    /// <summary>The most sampled types, most first.</summary>
    public IEnumerable<(string Type, int Samples)> Top(int count) =>
        _samples.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var index = e.PayloadNames?.IndexOf("TypeName") ?? -1;
        if (index >= 0 && e.Payload[index] is string type) _samples.AddOrUpdate(type, 1, (_, n) => n + 1);
    }
}
