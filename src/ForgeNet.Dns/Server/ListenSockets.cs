using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Dns.Server;

/// <summary>
/// Listening sockets for the server, bound with IP(V6)_FREEBIND so a gateway address still in DAD (or not yet on its
/// bridge) binds, and SO_REUSEPORT so several ForgeNet processes (two <c>forge run</c>s, or one and the daemon) can serve
/// one network together: they answer from the same store, and the kernel spreads queries among them.
/// </summary>
internal static class ListenSockets
{
    private const int SolSocket = 1, SoReusePort = 15, SolIp = 0, IpFreebind = 15, SolIpv6 = 41, Ipv6Freebind = 78;

    public static Socket Udp(IPEndPoint endpoint)
    {
        var socket = Bound(new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp), endpoint);
        socket.ReceiveBufferSize = 4 << 20; // absorbs bursts (capped by net.core.rmem_max)
        return socket;
    }

    public static Socket Tcp(IPEndPoint endpoint, int backlog)
    {
        var socket = Bound(new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp), endpoint);
        socket.Listen(backlog);
        return socket;
    }

    private static Socket Bound(Socket socket, IPEndPoint endpoint)
    {
        try
        {
            Span<byte> on = [1, 0, 0, 0];
            socket.SetRawSocketOption(SolSocket, SoReusePort, on);
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.SetRawSocketOption(SolIpv6, Ipv6Freebind, on);
                socket.DualMode = false;
            }
            else
                socket.SetRawSocketOption(SolIp, IpFreebind, on);
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
