using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Forwarding;

/// <summary>
/// One UDP socket connected to one upstream (so on a random port the kernel chose, and deaf to anyone else) carrying many
/// queries at once, told apart by random ids. A dedicated thread in blocking receive hands each answer to the query whose
/// id and question it matches, and the query's continuation (the reply to the client) runs right there: no thread-pool
/// hop between the upstream's answer and the client's. Anything else is dropped. Deadlines are not timers per query:
/// <see cref="Expire"/> is called by the owner's sweep. Retired after <see cref="MaxUses"/> queries so ports keep changing.
/// </summary>
internal sealed class UpstreamChannel : IDisposable
{
    /// <summary>Queries a socket carries before a fresh one (a new random port) takes its place.</summary>
    public const int MaxUses = 256;

    // Receive buffers outlive the channels (a few a second come and go): reused, not garbage that lives long enough to be
    // promoted. ArrayPool.Shared would keep each in the dying thread's own cache.
    private static readonly ConcurrentQueue<byte[]> Buffers = new();

    private readonly Socket _socket;
    private readonly ConcurrentDictionary<ushort, Pending> _pending = new();
    private int _uses;
    private volatile bool _disposed;

    private UpstreamChannel(Socket socket)
    {
        _socket = socket;
        new Thread(Receive) { IsBackground = true, Name = "dns-upstream" }.Start();
    }

    public bool Worn => Volatile.Read(ref _uses) >= MaxUses;

    /// <summary>True when no query waits on this channel.</summary>
    public bool Idle => _pending.IsEmpty;

    public static async Task<UpstreamChannel> Open(SocketFactory sockets, IPEndPoint upstream)
    {
        var socket = await sockets.Udp(upstream.AddressFamily).ConfigureAwait(false);
        try
        {
            socket.Connect(upstream);
            return new UpstreamChannel(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="query"/> under a fresh random id; the task ends with the answer, null when no id was free,
    /// or cancelled once <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) passed or <paramref name="cancel"/> fired.
    /// </summary>
    public Task<(byte[] Packet, UpstreamAnswer Answer)?> Ask(ForwardedQuery query, long deadline, CancellationToken cancel)
    {
        Interlocked.Increment(ref _uses);
        var pending = new Pending(query.Question, deadline, cancel);
        Span<byte> random = stackalloc byte[2];
        ushort id = 0;
        var reserved = false;
        for (var attempt = 0; attempt < 8 && !reserved; attempt++)
        {
            RandomNumberGenerator.Fill(random);
            id = BinaryPrimitives.ReadUInt16BigEndian(random);
            reserved = _pending.TryAdd(id, pending);
        }
        if (!reserved) return Task.FromResult<(byte[], UpstreamAnswer)?>(null);
        try
        {
            // A connected UDP socket's send does not wait for the network: a plain send from the caller's thread.
            Span<byte> packet = stackalloc byte[query.Packet.Length];
            query.Packet.CopyTo(packet);
            BinaryPrimitives.WriteUInt16BigEndian(packet, id);
            _socket.Send(packet, SocketFlags.None);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }
        return pending.Task;
    }

    /// <summary>Cancels the queries whose deadline passed (or whose caller gave up) by <paramref name="now"/>.</summary>
    public void Expire(long now)
    {
        foreach (var (id, pending) in _pending)
            if ((now >= pending.Deadline || pending.Cancel.IsCancellationRequested) && _pending.TryRemove(new(id, pending)))
                pending.TrySetCanceled(pending.Cancel.IsCancellationRequested ? pending.Cancel : default);
    }

    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var pending)) pending.TrySetCanceled();
    }

    private void Receive()
    {
        if (!Buffers.TryDequeue(out var buffer)) buffer = new byte[65535];
        try
        {
            while (!_disposed)
            {
                int length;
                try
                {
                    length = _socket.Receive(buffer, SocketFlags.None, out var error);
                    // ICMP errors for an earlier send: the waiting query times out and the next upstream is tried.
                    if (error is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable) continue;
                    if (error != SocketError.Success) return;
                }
                catch (ObjectDisposedException) { return; }
                if (length >= 2) Deliver(buffer.AsSpan(0, length));
            }
        }
        finally
        {
            if (Buffers.Count < 4 * UpstreamChannels.Width) Buffers.Enqueue(buffer);
        }
    }

    private void Deliver(ReadOnlySpan<byte> packet)
    {
        var id = BinaryPrimitives.ReadUInt16BigEndian(packet);
        if (!_pending.TryGetValue(id, out var waiting)) return;
        if (UpstreamAnswer.TryParse(packet, id, waiting.Question) is not { } answer) return;
        // Whoever removes the entry completes it: this answer, or the sweep that found it late.
        if (_pending.TryRemove(new(id, waiting))) waiting.TrySetResult((packet.ToArray(), answer));
    }

    /// <summary>
    /// A query waiting for its answer. Continuations run synchronously, on the thread that completes it (the receive
    /// thread, or the sweep), which is the point: the answer goes on to the client without a hand-off.
    /// </summary>
    private sealed class Pending(byte[] question, long deadline, CancellationToken cancel) : TaskCompletionSource<(byte[], UpstreamAnswer)?>
    {
        public byte[] Question => question;

        public long Deadline => deadline;

        public CancellationToken Cancel => cancel;
    }
}
