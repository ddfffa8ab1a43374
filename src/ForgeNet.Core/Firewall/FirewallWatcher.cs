using System.Diagnostics;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Keeps ForgeNet's nftables tables in place: after anyone deletes or flushes them (or any part of them), it compares
/// the kernel with what the store says must be in force and rebuilds both tables when something is missing, within
/// about a second. Batches committed by this process (a teardown deleting its chains) are no damage and bring no check;
/// after a rebuild the watcher checks once more, which tells whether it cured the damage. Damage is judged by the
/// result, never by the event. Made by <see cref="Engine.WatchFirewall"/>; call <see cref="Start"/>.
/// </summary>
public sealed class FirewallWatcher : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    private readonly NftablesMonitor _monitor;
    private readonly Func<string?> _heal;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _worker;
    private volatile bool _touched;
    private long _checks;
    private long _skipped;
    private long _checkTicks;

    internal FirewallWatcher(NftablesMonitor monitor, Func<string?> heal)
    {
        _monitor = monitor;
        _heal = heal;
    }

    /// <summary>Raised (on the watcher's thread) after a rebuild, with what was found missing.</summary>
    public event Action<string>? Restored;

    /// <summary>Raised when a check or rebuild failed; the watcher keeps watching.</summary>
    public event Action<Exception>? Failed;

    /// <summary>False: check after this process's own batches too (the behaviour before; for measurements). Set before <see cref="Start"/>.</summary>
    internal bool IgnoreOwnCommits { get; set; } = true;

    /// <summary>How many times the kernel was compared with the store.</summary>
    internal long Checks => Interlocked.Read(ref _checks);

    /// <summary>The time spent in checks (and rebuilds), in all.</summary>
    internal TimeSpan CheckTime => TimeSpan.FromTicks(Interlocked.Read(ref _checkTicks));

    /// <summary>How many batches that touched our tables brought no check because this process committed them.</summary>
    internal long SkippedOwn => Interlocked.Read(ref _skipped);

    /// <summary>Starts watching, and checks once at once (the tables may have been damaged while nobody watched).</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (_worker is not null) return;
        _monitor.Changed += OnChanged;
        _monitor.Failed += e => Failed?.Invoke(e);
        _monitor.Start();
        _worker = Task.Run(WorkAsync);
        _signal.Release();
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _monitor.Dispose();
        try
        {
            _worker?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled: what Dispose asked for.
        }
        _signal.Dispose();
        _stop.Dispose();
    }

    private void OnChanged(NftMonitorEvent e)
    {
        switch (e.Kind)
        {
            case NftMonitorEventKind.Overrun:
                _signal.Release();
                break;
            case NftMonitorEventKind.Generation when _touched:
                _touched = false;
                if (IgnoreOwnCommits && NftCommitter.IsThisProcess(e))
                {
                    Interlocked.Increment(ref _skipped);
                    break;
                }
                _signal.Release();
                break;
            case NftMonitorEventKind.TableDeleted or NftMonitorEventKind.ChainDeleted or NftMonitorEventKind.RuleDeleted
                or NftMonitorEventKind.SetDeleted or NftMonitorEventKind.ElementsDeleted
                when e.Table == FirewallNames.TableName && e.Family is NftFamily.Bridge or NftFamily.Inet:
                _touched = true;
                break;
        }
    }

    private async Task WorkAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(stop).ConfigureAwait(false);
                // Let a burst of batches settle, then judge once.
                await Task.Delay(Settle, stop).ConfigureAwait(false);
                while (_signal.CurrentCount > 0) await _signal.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                Interlocked.Increment(ref _checks);
                var started = Stopwatch.GetTimestamp();
                var what = _heal();
                Interlocked.Add(ref _checkTicks, Stopwatch.GetElapsedTime(started).Ticks);
                if (what is null) continue;
                // The rebuild's own events are skipped like any of ours, so ask for the check that tells whether it cured the damage.
                _signal.Release();
                Restored?.Invoke(what);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                Failed?.Invoke(e);
            }
        }
    }
}
