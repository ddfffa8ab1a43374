using System.Collections.Concurrent;
using System.Net.Sockets;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Dns.Forwarding;

/// <summary>
/// Makes sockets in one network namespace (a socket stays in the namespace it was made in). For another namespace than
/// the process's, one long-lived thread sits inside it (through <see cref="NetNs.Run"/>) and makes sockets on request,
/// so a forwarded query costs a hand-off, not a thread.
/// </summary>
public sealed class SocketFactory : IDisposable
{
    private readonly BlockingCollection<(Func<Socket> Make, TaskCompletionSource<Socket> Done)>? _requests;

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

    /// <summary>Like <see cref="Make"/>, blocking.</summary>
    public Socket MakeNow(Func<Socket> make) => Make(make).GetAwaiter().GetResult();

    public void Dispose() => _requests?.CompleteAdding();

    private static void Serve(BlockingCollection<(Func<Socket> Make, TaskCompletionSource<Socket> Done)> requests)
    {
        foreach (var (make, done) in requests.GetConsumingEnumerable())
        {
            try { done.SetResult(make()); }
            catch (Exception e) { done.SetException(e); }
        }
    }
}
