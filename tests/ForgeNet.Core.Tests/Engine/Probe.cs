using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core.Tests.Engine;

/// <summary>TCP reachability between namespaces, with sockets created inside them (a socket stays in the namespace it was made in).</summary>
internal static class Probe
{
    public static TcpListener Listen(NetNs ns, IPAddress address) => ns.Run(() =>
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        return listener;
    });

    /// <summary>True when a connection from <paramref name="from"/> reaches the listener and one message goes through.</summary>
    public static bool RoundTrip(NetNs from, TcpListener listener, IPAddress to, TimeSpan timeout)
    {
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = from.Run(() => new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        try
        {
            if (!client.ConnectAsync(new IPEndPoint(to, port)).Wait(timeout)) return false;
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            return false;
        }
        var accept = listener.AcceptSocketAsync();
        if (!accept.Wait(timeout)) return false;
        using var server = accept.Result;
        client.Send(Encoding.ASCII.GetBytes("ping"));
        var buffer = new byte[4];
        var received = 0;
        var clock = Stopwatch.StartNew();
        while (received < 4 && clock.Elapsed < timeout)
            received += server.Receive(buffer, received, 4 - received, SocketFlags.None);
        return Encoding.ASCII.GetString(buffer, 0, received) == "ping";
    }

    /// <summary>Runs <c>ip</c> with the arguments and returns its stdout (throws on a non-zero exit).</summary>
    public static string Ip(params string[] arguments)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"ip {string.Join(' ', arguments)}: {error}");
    }

    /// <summary>Runs <c>nft</c> inside the named namespace and returns its stdout (throws on a non-zero exit).</summary>
    public static string Nft(string netns, params string[] arguments) => Ip(["netns", "exec", netns, "nft", .. arguments]);

    /// <summary>Polls <paramref name="condition"/> until true or the timeout passes.</summary>
    public static bool Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) return false;
            Thread.Sleep(20);
        }
        return true;
    }
}
