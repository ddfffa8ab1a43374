using System.Collections.Concurrent;
using System.Net.Sockets;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Dns.Forwarding;

/// <summary>
/// Makes sockets in one network namespace (a socket stays in the namespace it was made in). For another namespace than
/// the process's, one long-lived thread sits inside it (through <see cref="NetNs.Run"/>) and makes sockets on request,
/// so a forwarded query costs a hand-off, not a thread. Fresh UDP sockets (one per upstream query, so each gets its own
/// random port when it connects) come from a small stock that thread keeps filled, so a query does not wait for it.
/// </summary>
public sealed class SocketFactory : IDisposable
{
    /// <summary>Unbound UDP sockets kept ready per address family.</summary>
    private const int Stock = 64;

    private readonly BlockingCollection<(Func<Socket> Make, TaskCompletionSource<Socket> Done)>? _requests;
    private readonly ConcurrentQueue<Socket>[] _udp = [new(), new()];
    private int _refilling;

    private SocketFactory(NetNs? ns)
    {
        if (ns is null) return;
        _requests = new BlockingCollection<(Func<Socket>, TaskCompletionSource<Socket>)>();
        var requests = _requests;
        var thread = new Thread(() =>
        {
            try { ns.Run(() => Serve(requests)); }
            finally { ns.Dispose(); }
        }) { IsBackground = true, Name = "dns-sockets" };
        thread.Start();
    }

    /// <summary>Sockets in the process's own namespace.</summary>
    public static SocketFactory Current() => new(null);

    /// <summary>Sockets in the namespace at <paramref name="path"/> (e.g. /run/netns/NAME); null = the process's own.</summary>
    public static SocketFactory For(string? path) => path is null ? Current() : new(NetNs.Open(path));

    /// <summary>Runs <paramref name="make"/> inside the namespace and returns its socket.</summary>
    public Task<Socket> Make(Func<Socket> make)
    {
        if (_requests is null) return Task.FromResult(make());
        var done = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _requests.Add((make, done));
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SocketFactory));
        }
        return done.Task;
    }

    /// <summary>A new, unbound UDP socket of <paramref name="family"/> in the namespace (from the stock when there is one).</summary>
    public ValueTask<Socket> Udp(AddressFamily family)
    {
        if (_requests is null) return ValueTask.FromResult(NewUdp(family));
        var stock = _udp[family == AddressFamily.InterNetworkV6 ? 1 : 0];
        var found = stock.TryDequeue(out var socket);
        if (stock.Count < Stock / 2 && Interlocked.CompareExchange(ref _refilling, 1, 0) == 0)
            _ = Refill(family, stock);
        return found ? ValueTask.FromResult(socket!) : new ValueTask<Socket>(Make(() => NewUdp(family)));
    }

    /// <summary>Like <see cref="Make"/>, blocking.</summary>
    public Socket MakeNow(Func<Socket> make) => Make(make).GetAwaiter().GetResult();

    public void Dispose()
    {
        _requests?.CompleteAdding();
        foreach (var stock in _udp)
            while (stock.TryDequeue(out var socket)) socket.Dispose();
    }

    private static Socket NewUdp(AddressFamily family) => new(family, SocketType.Dgram, ProtocolType.Udp);

    private async Task Refill(AddressFamily family, ConcurrentQueue<Socket> stock)
    {
        try
        {
            while (stock.Count < Stock) stock.Enqueue(await Make(() => NewUdp(family)).ConfigureAwait(false));
        }
        catch (ObjectDisposedException) { }
        finally
        {
            Volatile.Write(ref _refilling, 0);
        }
    }

    private static void Serve(BlockingCollection<(Func<Socket> Make, TaskCompletionSource<Socket> Done)> requests)
    {
        foreach (var (make, done) in requests.GetConsumingEnumerable())
        {
            try { done.SetResult(make()); }
            catch (Exception e) { done.SetException(e); }
        }
    }
}
