using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Keeps ForgeNet's nftables tables in place: after anyone deletes or flushes them (or any part of them), it compares
/// the kernel with what the store says must be in force and rebuilds both tables when something is missing, within
/// about a second. Our own changes also raise kernel events (a rebuild deletes the table inside its batch), so the
/// watcher judges the result, never the event. Made by <see cref="Engine.WatchFirewall"/>; call <see cref="Start"/>.
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

    internal FirewallWatcher(NftablesMonitor monitor, Func<string?> heal)
    {
        _monitor = monitor;
        _heal = heal;
    }

    /// <summary>Raised (on the watcher's thread) after a rebuild, with what was found missing.</summary>
    public event Action<string>? Restored;

    /// <summary>Raised when a check or rebuild failed; the watcher keeps watching.</summary>
    public event Action<Exception>? Failed;

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
                if (_heal() is { } what) Restored?.Invoke(what);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                Failed?.Invoke(e);
            }
        }
    }
}
