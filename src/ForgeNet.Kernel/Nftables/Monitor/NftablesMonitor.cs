using System.Net.Sockets;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Watches a network namespace's nftables ruleset: a NETLINK_NETFILTER socket in group NFNLGRP_NFTABLES reports every
/// committed change, from any process. Use it to restore a table someone deleted or flushed away
/// (<c>nft flush ruleset</c> deletes every table). Our own <see cref="NftTransaction.ReplaceTable"/> also deletes the
/// table inside its batch, so on <see cref="TableDeleted"/> check <see cref="INftablesBackend.TableExists"/> before
/// restoring. Events are raised on the monitor's reader task, in kernel order.
/// </summary>
public sealed class NftablesMonitor : IDisposable
{
    private const int ReceiveBufferBytes = 1 << 20;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    private NftablesMonitor(Socket socket) => _socket = socket;

    /// <summary>Every ruleset change.</summary>
    public event Action<NftMonitorEvent>? Changed;

    /// <summary>A table was deleted (by <c>delete table</c>, or by <c>flush ruleset</c>).</summary>
    public event Action<NftTable>? TableDeleted;

    /// <summary>The reader stopped on an unexpected error (the monitor no longer reports anything).</summary>
    public event Action<Exception>? Failed;

    /// <summary>Opens the event socket in the calling thread's network namespace.</summary>
    public static NftablesMonitor Open() => new(NftMonitorSocket.Open());

    /// <summary>Opens the event socket inside the namespace that <paramref name="runInNamespace"/> runs its argument in.</summary>
    public static NftablesMonitor OpenIn(Func<Func<NftablesMonitor>, NftablesMonitor> runInNamespace)
    {
        ArgumentNullException.ThrowIfNull(runInNamespace);
        return runInNamespace(Open);
    }

    /// <summary>Starts reporting. Subscribe first: changes before Start are still queued in the socket and reported.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        _reader ??= Task.Run(() => ReadLoop(_stop.Token));
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
        try
        {
            _reader?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop's own errors were reported through Failed.
        }
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadLoop(CancellationToken stop)
    {
        var buffer = new byte[ReceiveBufferBytes / 4];
        _socket.ReceiveBufferSize = ReceiveBufferBytes;
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer, SocketFlags.None, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                Raise(new NftMonitorEvent(NftMonitorEventKind.Overrun, null, null, null));
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!stop.IsCancellationRequested)
                    Failed?.Invoke(e);
                return;
            }
            foreach (var e in NftMonitorParser.Parse(buffer.AsSpan(0, n)))
                Raise(e);
        }
    }

    private void Raise(NftMonitorEvent e)
    {
        Changed?.Invoke(e);
        if (e is { Kind: NftMonitorEventKind.TableDeleted, Family: { } family, Table: { } table })
            TableDeleted?.Invoke(new NftTable(family, table));
    }
}
