using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace ForgeNet.Testing;

/// <summary>
/// iperf3 between two namespaces a test made: a server started inside one, clients run inside another. A namespace
/// is given as the way to start a process inside it (NetNs.StartProcess, or Process.Start on a thread that entered
/// it). The server is ended by its PID when disposed.
/// </summary>
public sealed class Iperf3 : IDisposable
{
    private const int Port = 5201;
    private readonly Process _server;

    private Iperf3(Process server, IPAddress address)
    {
        _server = server;
        Address = address;
    }

    public IPAddress Address { get; }

    /// <summary>Starts `iperf3 -s` bound to <paramref name="address"/> with <paramref name="startInServer"/>.</summary>
    public static Iperf3 Serve(Func<ProcessStartInfo, Process> startInServer, IPAddress address)
    {
        var psi = StartInfo("-s", "-B", address.ToString(), "-p", Port.ToString());
        try
        {
            var server = startInServer(psi);
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
    /// Runs `iperf3 -c -J -t <paramref name="seconds"/>` with <paramref name="startInClient"/> (with
    /// <paramref name="reverse"/> the server sends) and returns the receiver's throughput in bits per second. Retries
    /// while the server is not listening yet or still finishing the previous test.
    /// </summary>
    public double Measure(Func<ProcessStartInfo, Process> startInClient, bool reverse, int seconds = 3)
    {
        string[] args = ["-c", Address.ToString(), "-p", Port.ToString(), "-J", "-t", seconds.ToString(), .. reverse ? new[] { "-R" } : []];
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (exit, output) = Run(startInClient, args);
            if (exit == 0 && ReceivedBitsPerSecond(output) is { } bits) return bits;
            // Not listening yet, or still busy with the previous client (iperf3 serves one test at a time and may say
            // so with exit 0 and an "error" in its JSON).
            var transient = output.Contains("Connection refused", StringComparison.Ordinal) || output.Contains("busy", StringComparison.Ordinal);
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

    private static (int Exit, string Output) Run(Func<ProcessStartInfo, Process> start, string[] args)
    {
        using var process = start(StartInfo(args));
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

    /// <summary>The receiver's throughput; null when the output carries no result (iperf3 reports some errors with exit 0).</summary>
    private static double? ReceivedBitsPerSecond(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("end", out var end) && end.TryGetProperty("sum_received", out var sum)
                && sum.TryGetProperty("bits_per_second", out var value)
                ? value.GetDouble()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
