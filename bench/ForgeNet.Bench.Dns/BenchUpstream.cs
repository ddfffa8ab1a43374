using System.Net;
using System.Net.Sockets;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Bench.Dns;

/// <summary>
/// "The internet" of the benchmark: a UDP DNS server in the upstream namespace. Names under cached.example get an A record
/// with TTL 3600 (a forwarder answers them from its cache), names under fwd.example TTL 0 (forwarded every time), anything
/// else NXDOMAIN. Served by two dedicated threads in blocking receive, so the upstream takes nothing from the thread pool
/// that ForgeNet's server (in this process) also uses, and answers every server under test alike.
/// </summary>
internal sealed class BenchUpstream : IDisposable
{
    private readonly Socket _socket;
    private volatile bool _stopped;
    private long _queries;

    public BenchUpstream(SocketFactory sockets, IPEndPoint endpoint)
    {
        _socket = sockets.MakeNow(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.ReceiveBufferSize = 4 << 20;
            s.Bind(endpoint);
            return s;
        });
        for (var i = 0; i < 2; i++) new Thread(Serve) { IsBackground = true, Name = "bench-upstream" }.Start();
    }

    public long Queries => Interlocked.Read(ref _queries);

    public void Dispose()
    {
        _stopped = true;
        _socket.Dispose();
    }

    private void Serve()
    {
        var buffer = new byte[65535];
        var response = new byte[4096];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!_stopped)
        {
            try
            {
                var received = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                Interlocked.Increment(ref _queries);
                var length = Answer(buffer.AsSpan(0, received), response);
                if (length > 0) _socket.SendTo(response.AsSpan(0, length), SocketFlags.None, from);
            }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) when (_stopped) { return; }
            catch (SocketException) { }
        }
    }

    private static int Answer(ReadOnlySpan<byte> packet, Span<byte> buffer)
    {
        if (DnsQuery.TryParse(packet, out _) is not { } query) return 0;
        var cached = query.Name.EndsWith(".cached.example", StringComparison.Ordinal);
        var known = cached || query.Name.EndsWith(".fwd.example", StringComparison.Ordinal);
        var response = new DnsResponse(buffer, query, known ? DnsType.NoError : DnsType.NxDomain, authoritative: true);
        if (known && query.Type == DnsType.A)
            response.AddAnswer(DnsType.A, cached ? 3600u : 0u, [198, 51, 100, (byte)(query.Name.Length % 250)]);
        if (query.HasEdns) response.AddOpt(1232);
        return response.Finish();
    }
}
