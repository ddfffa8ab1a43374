using System.Net;
using System.Net.Sockets;
using System.Text;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Cni.Tests.Plugin;

/// <summary>TCP between container namespaces, with sockets made inside them (a socket stays in the namespace it was made in).</summary>
internal static class Traffic
{
    /// <summary>True when a connection from namespace <paramref name="from"/> to <paramref name="to"/> (in <paramref name="toNamespace"/>) carries one message.</summary>
    public static bool Reaches(string from, string toNamespace, IPAddress to, TimeSpan timeout)
    {
        using var source = NetNs.OpenNamed(from);
        using var target = NetNs.OpenNamed(toNamespace);
        var listener = target.Run(() =>
        {
            var l = new TcpListener(to, 0);
            l.Start();
            return l;
        });
        try
        {
            using var client = source.Run(() => new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!client.ConnectAsync(new IPEndPoint(to, port)).Wait(timeout)) return false;
            using var server = listener.AcceptSocket();
            client.Send("ping"u8);
            var buffer = new byte[4];
            server.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            var received = 0;
            while (received < 4) received += server.Receive(buffer, received, 4 - received, SocketFlags.None);
            return Encoding.ASCII.GetString(buffer) == "ping";
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
