using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Daemon.Tests.Support;

/// <summary>UDP between two namespaces the test owns, with sockets opened inside them (they stay bound there).</summary>
internal static class Traffic
{
    /// <summary>
    /// Sends <paramref name="count"/> datagrams of <paramref name="payload"/> bytes from <paramref name="from"/> to
    /// <paramref name="to"/>:<paramref name="port"/> and returns how many arrived within a second of the last.
    /// </summary>
    public static int SendUdp(NetNs from, NetNs to, IPAddress address, int port, int count, int payload)
    {
        using var receiver = to.Run(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Any, port));
            s.ReceiveTimeout = 1000;
            return s;
        });
        using var sender = from.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        var data = new byte[payload];
        for (var i = 0; i < count; i++)
            sender.SendTo(data, new IPEndPoint(address, port));
        var buffer = new byte[payload + 1];
        var received = 0;
        try
        {
            while (received < count)
            {
                receiver.Receive(buffer);
                received++;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            // Dropped on the way: the caller compares.
        }
        return received;
    }
}
