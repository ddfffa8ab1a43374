using ForgeNet.Daemon.Api;
using ForgeNet.Daemon.Events;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Hosting;

/// <summary>
/// Reads the sandboxes' drop counters every <see cref="DaemonOptions.DropBurstInterval"/> and publishes a DROP_BURST
/// event for each sandbox that dropped at least <see cref="DaemonOptions.DropBurstThreshold"/> packets since the last
/// reading (one nftables listing of our two tables per interval, whatever the number of watchers).
/// </summary>
public sealed class DropBurstService(EngineGate gate, EventHub events, DaemonOptions options, ILogger<DropBurstService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.DropBurstInterval <= TimeSpan.Zero) return;
        Dictionary<string, ulong>? last = null;
        using var timer = new PeriodicTimer(options.DropBurstInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            // Nobody listens: no reading, so an idle daemon does no work.
            if (events.Subscribers == 0)
            {
                last = null;
                continue;
            }
            try
            {
                var now = Drops();
                if (last is not null)
                    Report(last, now);
                last = now;
            }
            catch (Exception e) when (e is Core.Errors.ForgeException or IOException)
            {
                logger.LogWarning("drop burst check: {Error}", e.Message);
            }
        }
    }

    private Dictionary<string, ulong> Drops() =>
        gate.Engine.FirewallCounters().Where(r => r.Verdict == "drop")
            .GroupBy(r => r.Sandbox, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate(0UL, (s, r) => s + r.Packets), StringComparer.Ordinal);

    private void Report(Dictionary<string, ulong> before, Dictionary<string, ulong> now)
    {
        foreach (var (sandbox, dropped) in now)
        {
            // A sandbox new since the last reading, or whose rules were replaced, counts from zero.
            var previous = before.GetValueOrDefault(sandbox);
            var delta = dropped >= previous ? dropped - previous : dropped;
            if (delta >= options.DropBurstThreshold)
                events.Publish(V1.Event.Types.Kind.DropBurst, sandbox, detail: $"{delta} packets dropped in {options.DropBurstInterval.TotalSeconds:0.###} s", count: delta);
        }
    }
}
