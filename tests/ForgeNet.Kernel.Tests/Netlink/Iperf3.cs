using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ForgeNet.Kernel.Tests.Namespaces;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>
/// iperf3 between two throwaway namespaces: a server started inside one (the child inherits the starting thread's
/// namespace), clients run inside the other. The server is ended by its PID when disposed.
/// </summary>
internal sealed class Iperf3 : IDisposable
{
    private const int Port = 5201;
    private readonly Process _server;

    private Iperf3(Process server, IPAddress address)
    {
        _server = server;
        Address = address;
    }

    public IPAddress Address { get; }

    /// <summary>Starts `iperf3 -s` bound to <paramref name="address"/> inside <paramref name="ns"/>.</summary>
    public static Iperf3 Serve(ThrowawayNamespace ns, IPAddress address)
    {
        var psi = Tool.StartInfo("iperf3", "-s", "-B", address.ToString(), "-p", Port.ToString());
        try
        {
            return new Iperf3(ns.Run(() => Process.Start(psi)!), address);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("iperf3 is not installed (apt-get install iperf3)", e);
        }
    }

    /// <summary>
    /// Runs `iperf3 -c -J -t <paramref name="seconds"/>` (with -R the server sends) inside <paramref name="ns"/> and
    /// returns the receiver's throughput in bits per second. Retries while the server is not listening yet.
    /// </summary>
    public double Measure(ThrowawayNamespace ns, bool reverse, int seconds = 3)
    {
        string[] args = ["-c", Address.ToString(), "-p", Port.ToString(), "-J", "-t", seconds.ToString(), .. reverse ? new[] { "-R" } : []];
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (exit, output) = ns.Run(() => Tool.Run("iperf3", args));
            if (exit == 0 && ReceivedBitsPerSecond(output) is { } bits) return bits;
            // Not listening yet, or still busy with the previous client (iperf3 serves one test at a time and may say
            // so with exit 0 and an "error" in its JSON).
            var retry = output.Contains("Connection refused", StringComparison.Ordinal) || output.Contains("busy", StringComparison.Ordinal);
            if (!retry || clock.Elapsed > TimeSpan.FromSeconds(5))
                throw new InvalidOperationException($"iperf3 {string.Join(' ', args)}: exit {exit}: {output}");
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        using (_server)
        {
            if (_server.HasExited) return;
            _server.Kill();
            _server.WaitForExit(5000);
        }
    }

    /// <summary>The receiver's throughput; null when the JSON carries no result (iperf3 reports some errors with exit 0).</summary>
    private static double? ReceivedBitsPerSecond(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("end", out var end) && end.TryGetProperty("sum_received", out var received)
            && received.TryGetProperty("bits_per_second", out var bits)
            ? bits.GetDouble()
            : null;
    }
}
