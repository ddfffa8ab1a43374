using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Tests.Fakes;

/// <summary>
/// A tiny authoritative-and-recursive DNS server for tests (UDP and TCP on one endpoint), with a table of records,
/// CNAMEs followed into the answer as recursive resolvers do, optional truncation over UDP, and a log of every query.
/// </summary>
internal sealed class FakeUpstream : IDisposable
{
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, List<(ushort Type, uint Ttl, object Data)>> _records = new(StringComparer.Ordinal);

    private readonly SocketFactory _sockets;

    public FakeUpstream(SocketFactory sockets, IPAddress address, int port = 53)
    {
        _sockets = sockets;
        _udp = sockets.MakeNow(() =>
        {
            var s = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(address, port));
            return s;
        });
        var bound = (IPEndPoint)_udp.LocalEndPoint!;
        _tcp = sockets.MakeNow(() =>
        {
            var s = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            s.Bind(bound);
            s.Listen(16);
            return s;
        });
        Endpoint = bound;
        _ = Task.Run(ServeUdp);
        _ = Task.Run(ServeTcp);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Every query received, as "udp NAME TYPE" or "tcp NAME TYPE".</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Names whose UDP answers come back empty with TC set.</summary>
    public ConcurrentDictionary<string, bool> TruncateOverUdp { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every query is passed on as received to this server and its answer relayed (a forwarding loop).</summary>
    public IPEndPoint? RelayTo { get; set; }

    public void Add(string name, IPAddress address, uint ttl = 300) =>
        Records(name).Add((address.AddressFamily == AddressFamily.InterNetwork ? DnsType.A : DnsType.Aaaa, ttl, address));

    public void AddCname(string name, string target, uint ttl = 300) => Records(name).Add((DnsType.Cname, ttl, target));

    public int Count(string name) => Log.Count(l => l.Split(' ')[1] == name);

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Dispose();
    }

    private List<(ushort, uint, object)> Records(string name) => _records.GetOrAdd(name, _ => []);

    private async Task ServeUdp()
    {
        var buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, _udp.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                var query = buffer[..received.ReceivedBytes];
                var response = await Answer(query, tcp: false);
                if (response is not null) await _udp.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint);
            }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException) { }
        }
    }

    private async Task ServeTcp()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try { connection = await _tcp.AcceptAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                using (connection)
                {
                    try
                    {
                        var prefix = new byte[2];
                        if (!await TcpFraming.ReadExactlyAsync(connection, prefix, _stop.Token)) return;
                        var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                        if (!await TcpFraming.ReadExactlyAsync(connection, query, _stop.Token)) return;
                        if (await Answer(query, tcp: true) is not { } response) return;
                        await connection.SendAsync(Packets.U16((ushort)response.Length).Concat(response).ToArray(), SocketFlags.None);
                    }
                    catch (Exception) { }
                }
            });
        }
    }

    private async Task<byte[]?> Answer(byte[] packet, bool tcp)
    {
        var query = DnsQuery.TryParse(packet, out _);
        if (query is null) return null;
        Log.Enqueue($"{(tcp ? "tcp" : "udp")} {query.Name} {query.Type}");
        if (RelayTo is { } relay) return await Relay(packet, relay);
        var answers = new List<byte>();
        var count = 0;
        var name = query.Name;
        for (var hop = 0; hop < 20 && _records.TryGetValue(name, out var records); hop++)
        {
            var cname = records.FirstOrDefault(r => r.Type == DnsType.Cname);
            foreach (var (type, ttl, data) in records.Where(r => r.Type == query.Type || (r.Type == DnsType.Cname && query.Type != DnsType.Cname)))
            {
                answers.AddRange(Packets.Name(name));
                answers.AddRange(Packets.U16(type));
                answers.AddRange(Packets.U16(1));
                answers.AddRange(Packets.U32(ttl));
                var rdata = data is IPAddress address ? address.GetAddressBytes() : Packets.Name((string)data);
                answers.AddRange(Packets.U16((ushort)rdata.Length));
                answers.AddRange(rdata);
                count++;
            }
            if (cname.Data is not string target || query.Type == DnsType.Cname) break;
            name = target;
        }
        var known = _records.ContainsKey(query.Name);
        var truncate = !tcp && TruncateOverUdp.ContainsKey(query.Name);
        var header = new List<byte>();
        header.AddRange(Packets.U16(query.Id));
        header.AddRange(Packets.U16((ushort)(0x8180 | (truncate ? 0x0200 : 0) | (known ? 0 : DnsType.NxDomain))));
        header.AddRange(Packets.U16(1));
        header.AddRange(Packets.U16((ushort)(truncate ? 0 : count)));
        header.AddRange(Packets.U16(0));
        header.AddRange(Packets.U16((ushort)(query.HasEdns ? 1 : 0)));
        header.AddRange(query.Question);
        if (!truncate) header.AddRange(answers);
        if (query.HasEdns) header.AddRange(new byte[] { 0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0 });
        return header.ToArray();
    }

    private async Task<byte[]?> Relay(byte[] packet, IPEndPoint target)
    {
        using var socket = await _sockets.Make(() => new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp));
        await socket.SendToAsync(packet, SocketFlags.None, target);
        var buffer = new byte[65535];
        var receive = socket.ReceiveAsync(buffer, SocketFlags.None);
        return await Task.WhenAny(receive, Task.Delay(1000)) == receive ? buffer[..receive.Result] : null;
    }
}
