using System.Diagnostics;
using System.Net;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Forwarding;

/// <summary>
/// A few <see cref="UpstreamChannel"/>s per upstream, each query on a randomly chosen one; worn channels are replaced and
/// closed once their last query is answered. One timer sweeps the deadlines of every channel's queries (a timer per
/// query would be a lock and an allocation on the hot path), so a deadline is kept to within <see cref="SweepPeriod"/>.
/// </summary>
internal sealed class UpstreamChannels : IDisposable
{
    /// <summary>Sockets (random ports) in use at once per upstream.</summary>
    public const int Width = 16;

    private readonly Task<UpstreamChannel>?[] _slots = new Task<UpstreamChannel>?[Width];
    private readonly List<(UpstreamChannel Channel, long Since)> _retired = [];
    private readonly SocketFactory _sockets;
    private readonly IPEndPoint _upstream;
    private readonly long _timeout;
    private readonly Timer _sweep;
    private volatile bool _disposed;

    public UpstreamChannels(SocketFactory sockets, IPEndPoint upstream, TimeSpan timeout)
    {
        _sockets = sockets;
        _upstream = upstream;
        _timeout = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        SweepPeriod = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 8, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerMillisecond * 100));
        _sweep = new Timer(_ => Sweep(), null, SweepPeriod, SweepPeriod);
    }

    /// <summary>How often deadlines are checked (an eighth of the timeout, 10–100 ms).</summary>
    public TimeSpan SweepPeriod { get; }

    /// <summary>The answer to <paramref name="query"/> from this upstream; cancelled when the timeout passes first.</summary>
    public Task<(byte[] Packet, UpstreamAnswer Answer)?> Ask(ForwardedQuery query, CancellationToken cancel)
    {
        var deadline = Stopwatch.GetTimestamp() + _timeout;
        for (var attempt = 0; ; attempt++)
        {
            var slot = Random.Shared.Next(Width);
            var current = Volatile.Read(ref _slots[slot]);
            if (current is null || (current.IsCompletedSuccessfully && current.Result.Worn) || current.IsFaulted)
                current = Replace(slot, current);
            if (!current.IsCompletedSuccessfully) return AskWhenOpen(current, query, deadline, cancel);
            try
            {
                return current.Result.Ask(query, deadline, cancel);
            }
            catch (ObjectDisposedException) when (attempt < 3 && !_disposed)
            {
                // The channel was retired and closed between the pick and the send: pick again.
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _sweep.Dispose();
        foreach (var slot in _slots)
            if (slot is { IsCompletedSuccessfully: true }) slot.Result.Dispose();
        lock (_retired)
        {
            foreach (var (channel, _) in _retired) channel.Dispose();
            _retired.Clear();
        }
    }

    private static async Task<(byte[] Packet, UpstreamAnswer Answer)?> AskWhenOpen(Task<UpstreamChannel> opening, ForwardedQuery query, long deadline, CancellationToken cancel) =>
        await (await opening.ConfigureAwait(false)).Ask(query, deadline, cancel).ConfigureAwait(false);

    private Task<UpstreamChannel> Replace(int slot, Task<UpstreamChannel>? current)
    {
        var fresh = UpstreamChannel.Open(_sockets, _upstream);
        if (Interlocked.CompareExchange(ref _slots[slot], fresh, current) == current)
        {
            if (current is { IsCompletedSuccessfully: true })
                lock (_retired) _retired.Add((current.Result, Stopwatch.GetTimestamp()));
            return fresh;
        }
        _ = fresh.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
        return Volatile.Read(ref _slots[slot])!;
    }

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var slot in _slots)
            if (slot is { IsCompletedSuccessfully: true }) slot.Result.Expire(now);
        lock (_retired)
        {
            // A retired channel closes when its last query is answered or expired (its deadline is at most one timeout away).
            for (var i = _retired.Count - 1; i >= 0; i--)
            {
                var (channel, since) = _retired[i];
                channel.Expire(now);
                if (!channel.Idle && now - since < 2 * _timeout) continue;
                channel.Dispose();
                _retired.RemoveAt(i);
            }
        }
    }
}
