using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// Real packets between namespaces the test made: TCP, UDP, ICMP echo and raw ICMPv6. Every socket is created on a
/// thread inside its namespace (a socket stays in the namespace it was made in) and then used from the test thread.
/// </summary>
internal static class Traffic
{
    public static readonly TimeSpan Allowed = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Denied = TimeSpan.FromSeconds(1);

    public static TcpListener Listen(NetNs ns, IPAddress address, int port = 0) => ns.Run(() =>
    {
        var listener = new TcpListener(address, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        if (address.Equals(IPAddress.IPv6Any)) listener.Server.DualMode = true;
        listener.Start();
        return listener;
    });

    public static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>True when a connection from <paramref name="from"/> (optionally bound to <paramref name="source"/>) reaches the listener and one message goes through.</summary>
    public static bool Tcp(NetNs from, TcpListener listener, IPAddress to, IPAddress? source = null, TimeSpan? timeout = null)
    {
        var wait = timeout ?? Allowed;
        using var client = Connect(from, to, PortOf(listener), source, wait);
        if (client is null) return false;
        var accept = listener.AcceptSocketAsync();
        if (!accept.Wait(wait)) return false;
        using var server = accept.Result;
        client.Send(Encoding.ASCII.GetBytes("ping"));
        return Receive(server, 4, wait) == "ping";
    }

    /// <summary>An open connection (the caller disposes it), or null when it cannot be made within <paramref name="timeout"/>.</summary>
    public static Socket? Connect(NetNs from, IPAddress to, int port, IPAddress? source, TimeSpan timeout)
    {
        var client = from.Run(() =>
        {
            var s = new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (source is not null) s.Bind(new IPEndPoint(source, 0));
            return s;
        });
        try
        {
            if (client.ConnectAsync(new IPEndPoint(to, port)).Wait(timeout)) return client;
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
        }
        client.Dispose();
        return null;
    }

    /// <summary>Reads up to <paramref name="count"/> bytes within the timeout; what arrived, as ASCII.</summary>
    public static string Receive(Socket socket, int count, TimeSpan timeout)
    {
        var buffer = new byte[count];
        var received = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (received < count && DateTime.UtcNow < deadline)
        {
            if (!socket.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectRead)) continue;
            var n = socket.Receive(buffer, received, count - received, SocketFlags.None);
            if (n == 0) break;
            received += n;
        }
        return Encoding.ASCII.GetString(buffer, 0, received);
    }

    /// <summary>True when a datagram from <paramref name="from"/> to <paramref name="to"/>:<paramref name="port"/> arrives in <paramref name="at"/>.</summary>
    public static bool Udp(NetNs from, NetNs at, IPAddress to, int port, TimeSpan? timeout = null)
    {
        using var receiver = at.Run(() =>
        {
            var s = new Socket(to.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(to, port));
            return s;
        });
        using var sender = from.Run(() => new Socket(to.AddressFamily, SocketType.Dgram, ProtocolType.Udp));
        var wait = timeout ?? Allowed;
        var deadline = DateTime.UtcNow + wait;
        // Resend while waiting: the first datagram may wait for neighbour discovery.
        while (DateTime.UtcNow < deadline)
        {
            sender.SendTo(Encoding.ASCII.GetBytes("udp!"), new IPEndPoint(to, port));
            if (receiver.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
                return Receive(receiver, 4, TimeSpan.FromMilliseconds(100)) == "udp!";
        }
        return false;
    }

    /// <summary>True when an ICMP echo from <paramref name="from"/> to <paramref name="to"/> is answered.</summary>
    public static bool Ping(NetNs from, IPAddress to, TimeSpan? timeout = null)
    {
        var wait = (int)(timeout ?? Allowed).TotalMilliseconds;
        return from.Run(() =>
        {
            using var ping = new Ping();
            // Two tries: the first may be spent on neighbour discovery.
            return ping.Send(to, wait / 2).Status == IPStatus.Success || ping.Send(to, wait / 2).Status == IPStatus.Success;
        });
    }

    /// <summary>A raw ICMPv6 socket inside <paramref name="ns"/> that sees every ICMPv6 message arriving there.</summary>
    public static Socket RawIcmpv6(NetNs ns) => ns.Run(() => new Socket(AddressFamily.InterNetworkV6, SocketType.Raw, ProtocolType.IcmpV6));

    /// <summary>Sends a router advertisement to all nodes (ff02::1) out of interface <paramref name="index"/> of <paramref name="ns"/>.</summary>
    public static void SendRouterAdvertisement(NetNs ns, int index)
    {
        using var socket = RawIcmpv6(ns);
        socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface, index);
        socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, 255);
        // Type 134, code 0, checksum (the kernel fills it for raw ICMPv6), hop limit 64, flags 0, lifetime 1800 s, reachable, retrans.
        byte[] ra = [134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
        var allNodes = new IPAddress(IPAddress.Parse("ff02::1").GetAddressBytes(), index);
        for (var i = 0; i < 3; i++)
        {
            socket.SendTo(ra, new IPEndPoint(allNodes, 0));
            Thread.Sleep(50);
        }
    }

    /// <summary>True when a router advertisement (type 134) arrives on <paramref name="socket"/> within the timeout.</summary>
    public static bool SawRouterAdvertisement(Socket socket, TimeSpan timeout)
    {
        var buffer = new byte[1500];
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!socket.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectRead)) continue;
            var n = socket.Receive(buffer);
            if (n > 0 && buffer[0] == 134) return true;
        }
        return false;
    }
}
