using System.Net;

namespace ForgeNet.Dns.Forwarding;

/// <summary>A few <see cref="UpstreamChannel"/>s per upstream, each query on a randomly chosen one; worn channels are replaced.</summary>
internal sealed class UpstreamChannels(SocketFactory sockets, IPEndPoint upstream, TimeSpan timeout) : IDisposable
{
    /// <summary>Sockets (random ports) in use at once per upstream.</summary>
    public const int Width = 16;

    private readonly Task<UpstreamChannel>?[] _slots = new Task<UpstreamChannel>?[Width];

    public async Task<(byte[] Packet, Wire.UpstreamAnswer Answer)?> Ask(ForwardedQuery query, CancellationToken cancel)
    {
        var slot = Random.Shared.Next(Width);
        var current = Volatile.Read(ref _slots[slot]);
        if (current is null || (current.IsCompletedSuccessfully && current.Result.Worn) || current.IsFaulted)
        {
            var fresh = UpstreamChannel.Open(sockets, upstream);
            if (Interlocked.CompareExchange(ref _slots[slot], fresh, current) == current)
            {
                if (current is { IsCompletedSuccessfully: true }) Retire(current.Result);
                current = fresh;
            }
            else
            {
                _ = fresh.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
                current = Volatile.Read(ref _slots[slot])!;
            }
        }
        var channel = await current.ConfigureAwait(false);
        return await channel.Ask(query, cancel).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var slot in _slots)
            if (slot is { IsCompletedSuccessfully: true }) slot.Result.Dispose();
    }

    // Queries still in flight on it finish or time out first.
    private void Retire(UpstreamChannel channel) =>
        _ = Task.Delay(timeout + timeout).ContinueWith(_ => channel.Dispose(), TaskScheduler.Default);
}
