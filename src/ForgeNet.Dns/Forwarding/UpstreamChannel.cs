using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Forwarding;

/// <summary>
/// One UDP socket connected to one upstream (so on a random port the kernel chose, and deaf to anyone else) carrying many
/// queries at once, told apart by random ids. A receive loop hands each answer to the query whose id and question it
/// matches; anything else is dropped. Retired after <see cref="MaxUses"/> queries so ports keep changing.
/// </summary>
internal sealed class UpstreamChannel : IDisposable
{
    /// <summary>Queries a socket carries before a fresh one (a new random port) takes its place.</summary>
    public const int MaxUses = 256;

    private readonly Socket _socket;
    private readonly ConcurrentDictionary<ushort, (byte[] Question, TaskCompletionSource<(byte[], UpstreamAnswer)?> Done)> _pending = new();
    private int _uses;

    private UpstreamChannel(Socket socket)
    {
        _socket = socket;
        _ = Task.Run(Receive);
    }

    public bool Worn => Volatile.Read(ref _uses) >= MaxUses;

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

    /// <summary>Sends <paramref name="query"/> under a fresh random id and waits for its answer until <paramref name="cancel"/>.</summary>
    public async Task<(byte[] Packet, UpstreamAnswer Answer)?> Ask(ForwardedQuery query, CancellationToken cancel)
    {
        Interlocked.Increment(ref _uses);
        var done = new TaskCompletionSource<(byte[], UpstreamAnswer)?>(TaskCreationOptions.RunContinuationsAsynchronously);
        ushort id = 0;
        var reserved = false;
        for (var attempt = 0; attempt < 8 && !reserved; attempt++)
        {
            id = BinaryPrimitives.ReadUInt16BigEndian(RandomNumberGenerator.GetBytes(2));
            reserved = _pending.TryAdd(id, (query.Question, done));
        }
        if (!reserved) return null;
        try
        {
            var packet = query.WithId(id);
            await _socket.SendAsync(packet, SocketFlags.None, cancel).ConfigureAwait(false);
            using (cancel.Register(() => done.TrySetCanceled(cancel)))
                return await done.Task.ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task Receive()
    {
        var buffer = new byte[65535];
        while (true)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
            {
                continue; // ICMP errors for an earlier send: the waiting query times out and the next upstream is tried
            }
            catch (SocketException) { return; }
            if (length < 2 || !_pending.TryGetValue(BinaryPrimitives.ReadUInt16BigEndian(buffer), out var waiting)) continue;
            var packet = buffer.AsSpan(0, length);
            if (UpstreamAnswer.TryParse(packet, BinaryPrimitives.ReadUInt16BigEndian(buffer), waiting.Question) is { } answer)
                waiting.Done.TrySetResult((packet.ToArray(), answer));
        }
    }
}
