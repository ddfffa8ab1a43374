using System.Diagnostics;
using System.Runtime;
using ForgeNet.Daemon.Api;
using ForgeNet.Daemon.Interop;

namespace ForgeNet.Daemon.Hosting;

/// <summary>
/// Gives memory back once a burst of work is over. The GC keeps what a burst made it commit (free regions sized for the
/// allocation rate it saw) and glibc keeps freed pages in its arenas, so a daemon that set up 1,000 endpoints would
/// stay that large for the rest of its life although it holds almost nothing per endpoint. A daemon is quiet most of
/// the time: when at least <see cref="BurstBytes"/> were allocated since the last trim and then less than
/// <see cref="QuietBytes"/> within one <see cref="DaemonOptions.TrimWhenQuiet"/>, this frees the state database's page
/// cache, runs compacting, aggressive collections (the GC decommits what it does not need) and malloc_trim; while the
/// daemon stays quiet it does so twice more, 20 s and then 70 s later. It costs a few blocking collections of a small
/// heap after each burst, not during one, and nothing while the daemon is idle.
/// </summary>
public sealed class MemoryTrimService(EngineGate gate, DaemonOptions options, ILogger<MemoryTrimService> logger) : BackgroundService
{
    /// <summary>Allocation since the last trim below which there is nothing worth giving back.</summary>
    internal const long BurstBytes = 4 << 20;

    /// <summary>Allocation within one interval that still counts as quiet (Kestrel's heartbeat and timers allocate a little).</summary>
    internal const long QuietBytes = 256 << 10;

    // ArrayPool.Shared keeps the large arrays a burst rented (System.Text.Json parsing nftables' listing of our tables at
    // a /metrics scrape: tens of MB with 1000 endpoints) until gen2 collections spread over about a minute see them
    // unused; an idle daemon makes no collections, so while it stays quiet two more trims follow each burst's, each delay
    // counted from the trim before.
    private static readonly TimeSpan[] FollowUps = [TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(70)];

    /// <summary>Whether a reading of the allocation counter calls for a trim: a burst since the last trim, now quiet.</summary>
    internal static bool ShouldTrim(long allocatedNow, long allocatedLastTick, long allocatedAtLastTrim) =>
        allocatedNow - allocatedLastTick < QuietBytes && allocatedNow - allocatedAtLastTrim >= BurstBytes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.TrimWhenQuiet <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.TrimWhenQuiet);
        var lastTick = GC.GetTotalAllocatedBytes();
        // Starting up is the first burst: what it allocated counts.
        var lastTrim = 0L;
        var sinceTrim = Stopwatch.StartNew();
        var followUps = FollowUps.Length;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = GC.GetTotalAllocatedBytes();
            var quiet = now - lastTick < QuietBytes;
            var trim = ShouldTrim(now, lastTick, lastTrim);
            lastTick = now;
            if (trim)
                followUps = 0;
            else if (!quiet || followUps >= FollowUps.Length || sinceTrim.Elapsed < FollowUps[followUps])
                continue;
            else
                followUps++;
            Trim();
            sinceTrim.Restart();
            lastTrim = lastTick = GC.GetTotalAllocatedBytes();
        }
    }

    private void Trim()
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        try
        {
            gate.Engine.ReleaseMemory();
        }
        catch (Core.Errors.ForgeException e)
        {
            // The collection and malloc_trim below still give back the rest.
            logger.LogWarning("memory trim: {Error}", e.Message);
        }
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // The collection queued ArrayPool.Shared's trim callback as a finaliser; what it lets go, the next collection takes.
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Libc.MallocTrim(0);
        logger.LogDebug("gave memory back after a burst in {Ms:0.0} ms: GC committed {Before} kB -> {After} kB",
            clock.Elapsed.TotalMilliseconds, before >> 10, GC.GetGCMemoryInfo().TotalCommittedBytes >> 10);
    }
}
