using System.Net.Sockets;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Watches a network namespace's nftables ruleset: a NETLINK_NETFILTER socket in group NFNLGRP_NFTABLES reports every
/// committed change, from any process. Use it to restore a table someone deleted or flushed away
/// (<c>nft flush ruleset</c> deletes every table). Our own <see cref="NftTransaction.ReplaceTable"/> also deletes the
/// table inside its batch, so on <see cref="TableDeleted"/> check <see cref="INftablesBackend.TableExists"/> before
/// restoring. Events are raised on the monitor's reader thread, in kernel order.
/// </summary>
public sealed class NftablesMonitor : IDisposable
{
    private const int ReceiveBufferBytes = 1 << 20;
    // How long a blocked receive waits before it looks at the stop flag again: the most Dispose waits for the reader.
    private const int PollMilliseconds = 100;
    private readonly Socket _socket;
    private volatile bool _stopped;
    private Thread? _reader;

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
        ObjectDisposedException.ThrowIf(_stopped, this);
        if (_reader is not null)
            return;
        // A thread of its own in a blocking receive, not a task: stopping must not wait for a thread-pool thread,
        // which a busy process (or a test run) may not hand out for a second or more.
        _socket.ReceiveBufferSize = ReceiveBufferBytes;
        _socket.ReceiveTimeout = PollMilliseconds;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "nftables monitor" };
        _reader.Start();
    }

    public void Dispose()
    {
        if (_stopped)
            return;
        _stopped = true;
        if (_reader is not null && _reader != Thread.CurrentThread)
            _reader.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
    }

    private void ReadLoop()
    {
        var buffer = new byte[ReceiveBufferBytes / 4];
        while (!_stopped)
        {
            int n;
            try
            {
                n = _socket.Receive(buffer, SocketFlags.None);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                Raise(new NftMonitorEvent(NftMonitorEventKind.Overrun, null, null, null));
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_stopped)
                    Failed?.Invoke(e);
                return;
            }
            if (_stopped)
                return;
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
