using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Bench.Firewall;

/// <summary>What one TCP connection attempt met.</summary>
internal enum Reach
{
    /// <summary>The handshake completed: something listens and nothing filtered it.</summary>
    Connected,

    /// <summary>A reset came back: the packet reached the server, where nothing listens.</summary>
    Refused,

    /// <summary>No answer: something dropped the SYN (a firewall, here).</summary>
    TimedOut,
}

/// <summary>TCP connection probes from inside the client sandbox, to prove each variant's filter is really in force.</summary>
internal static class Reachability
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    /// <summary>One attempt; the socket is created on <paramref name="client"/>'s thread, so it lives in the client's namespace.</summary>
    public static Reach Probe(NamespaceThread client, IPAddress server, int port) => client.Run(() =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            socket.ConnectAsync(new IPEndPoint(server, port), timeout.Token).AsTask().GetAwaiter().GetResult();
            return Reach.Connected;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Reach.Refused;
        }
        catch (OperationCanceledException)
        {
            return Reach.TimedOut;
        }
    });

    /// <summary>Polls until a connection succeeds (a server started and listens), up to the deadline.</summary>
    public static bool WaitForListener(NamespaceThread client, IPAddress server, int port, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (Probe(client, server, port) == Reach.Connected)
            {
                return true;
            }
            Thread.Sleep(50);
        }
        return false;
    }
}
