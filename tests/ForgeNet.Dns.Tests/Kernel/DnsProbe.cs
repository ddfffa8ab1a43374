using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Dns.Tests.Kernel;

/// <summary>A DNS client whose sockets are made inside a namespace (a sandbox's), with a deadline on every exchange.</summary>
internal static class DnsProbe
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    /// <summary>The response over UDP, or null when none came within the deadline.</summary>
    public static byte[]? Udp(NetNs ns, IPAddress server, byte[] query, TimeSpan? timeout = null, int port = 53)
    {
        using var socket = ns.Run(() => new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp));
        socket.Connect(new IPEndPoint(server, port));
        socket.Send(query);
        socket.ReceiveTimeout = (int)(timeout ?? Deadline).TotalMilliseconds;
        var buffer = new byte[65535];
        try
        {
            return buffer[..socket.Receive(buffer)];
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>The response over TCP, or null when none came within the deadline.</summary>
    public static byte[]? Tcp(NetNs ns, IPAddress server, byte[] query, TimeSpan? timeout = null)
    {
        using var socket = ns.Run(() => new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        using var deadline = new CancellationTokenSource(timeout ?? Deadline);
        try
        {
            socket.ConnectAsync(new IPEndPoint(server, 53), deadline.Token).AsTask().GetAwaiter().GetResult();
            socket.Send([.. Fakes.Packets.U16((ushort)query.Length), .. query]);
            var prefix = new byte[2];
            if (!TcpFraming.ReadExactlyAsync(socket, prefix, deadline.Token).AsTask().GetAwaiter().GetResult()) return null;
            var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            return TcpFraming.ReadExactlyAsync(socket, response, deadline.Token).AsTask().GetAwaiter().GetResult() ? response : null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null;
        }
    }
}
