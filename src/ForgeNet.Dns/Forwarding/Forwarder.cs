using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Forwarding;

/// <summary>
/// Asks upstream resolvers, in order, over UDP (random ids, on a few sockets per upstream whose random ports keep changing), and
/// over TCP when the answer comes back truncated. Only an answer from the upstream's address whose id and question
/// match is taken; anything else on the socket is ignored until the deadline.
/// </summary>
public sealed class Forwarder(IReadOnlyList<IPEndPoint> upstreams, SocketFactory sockets, TimeSpan timeout, int maxPending = 1024) : IDisposable
{
    private readonly UpstreamChannels[] _channels = upstreams.Select(u => new UpstreamChannels(sockets, u, timeout)).ToArray();
    private int _pending;

    /// <summary>The upstreams, in the order tried.</summary>
    public IReadOnlyList<IPEndPoint> Upstreams => upstreams;

    /// <summary>
    /// The first valid answer, or null when none came (every upstream timed out or failed, or too many are pending).
    /// Await it once (its state machine is pooled: one per forwarded query would be garbage).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(byte[] Packet, UpstreamAnswer Answer)?> QueryAsync(DnsQuery query, CancellationToken cancel)
    {
        try
        {
            if (Interlocked.Increment(ref _pending) > maxPending) return null;
            for (var i = 0; i < upstreams.Count; i++)
            {
                var forwarded = new ForwardedQuery(query);
                try
                {
                    var result = await _channels[i].Ask(forwarded, cancel).ConfigureAwait(false);
                    if (result is { Answer.Truncated: true })
                        result = await TcpAsync(upstreams[i], forwarded, cancel).ConfigureAwait(false) ?? result;
                    if (result is not null) return result;
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException && !cancel.IsCancellationRequested)
                {
                    // This upstream failed (refused, unreachable, timed out): try the next.
                }
            }
            return null;
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    public void Dispose()
    {
        foreach (var channels in _channels) channels.Dispose();
    }

    private async Task<(byte[] Packet, UpstreamAnswer Answer)?> TcpAsync(IPEndPoint upstream, ForwardedQuery query, CancellationToken cancel)
    {
        using var socket = await sockets.Make(() => new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp)).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        await socket.ConnectAsync(upstream, deadline.Token).ConfigureAwait(false);
        var framed = new byte[2 + query.Packet.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Packet.Length);
        query.Packet.CopyTo(framed, 2);
        await socket.SendAsync(framed, SocketFlags.None, deadline.Token).ConfigureAwait(false);
        var prefix = new byte[2];
        if (!await TcpFraming.ReadExactlyAsync(socket, prefix, deadline.Token).ConfigureAwait(false)) return null;
        var packet = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        if (!await TcpFraming.ReadExactlyAsync(socket, packet, deadline.Token).ConfigureAwait(false)) return null;
        return UpstreamAnswer.TryParse(packet, query.Id, query.Question) is { } answer ? (packet, answer) : null;
    }
}
