using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core.Tests.Bandwidth;

/// <summary>
/// iperf3 between sandboxes: a server started inside one namespace (the child inherits the starting thread's namespace),
/// clients run inside another. The server is ended by its PID when disposed.
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
    public static Iperf3 Serve(NetNs ns, IPAddress address)
    {
        var psi = StartInfo("-s", "-B", address.ToString(), "-p", Port.ToString());
        try
        {
            var server = ns.StartProcess(psi);
            // Drained, so that a full pipe never stalls the server.
            server.OutputDataReceived += (_, _) => { };
            server.ErrorDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            return new Iperf3(server, address);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("iperf3 is not installed (apt-get install iperf3)", e);
        }
    }

    /// <summary>
    /// Runs `iperf3 -c -J -t <paramref name="seconds"/>` inside <paramref name="client"/> (with <paramref name="reverse"/>
    /// the server sends) and returns the receiver's throughput in bits per second. Retries while the server is not listening yet.
    /// </summary>
    public double Measure(NetNs client, bool reverse, int seconds)
    {
        string[] args = ["-c", Address.ToString(), "-p", Port.ToString(), "-J", "-t", seconds.ToString(), .. reverse ? new[] { "-R" } : []];
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (exit, output) = Run(client, args);
            if (exit == 0 && ReceivedBitsPerSecond(output) is { } bits) return bits;
            // Not listening yet, or still finishing the previous test.
            var transient = output.Contains("Connection refused") || output.Contains("busy");
            if (!transient || clock.Elapsed > TimeSpan.FromSeconds(5))
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

    private static (int Exit, string Output) Run(NetNs ns, string[] args)
    {
        using var process = ns.StartProcess(StartInfo(args));
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"iperf3 {string.Join(' ', args)} did not finish");
        }
        return (process.ExitCode, output.Result + error);
    }

    private static ProcessStartInfo StartInfo(params string[] args)
    {
        var psi = new ProcessStartInfo("iperf3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    private static double? ReceivedBitsPerSecond(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("end", out var end) && end.TryGetProperty("sum_received", out var sum)
                ? sum.GetProperty("bits_per_second").GetDouble()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
