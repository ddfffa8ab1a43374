using System.Diagnostics;
using System.Text;
using ForgeNet.Daemon.Api;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace ForgeNet.Daemon.Tests.Support;

/// <summary>A real forgenetd process (the built forgenetd.dll beside the tests), with its output kept for failure messages.</summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private DaemonProcess(Process process, string socket)
    {
        _process = process;
        Socket = socket;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Socket { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts forgenetd with <paramref name="arguments"/> and <paramref name="environment"/>; does not wait for it.</summary>
    public static DaemonProcess Start(string socket, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        // FORGENETD runs the tests against a published daemon (e.g. the NativeAOT one scripts/install makes).
        var published = Environment.GetEnvironmentVariable("FORGENETD") is { Length: > 0 } path ? path : null;
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileName(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(published ?? dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (published is null)
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "forgenetd.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return new DaemonProcess(Process.Start(start)!, socket);
    }

    /// <summary>Waits until the health service answers SERVING; fails with the daemon's output otherwise.</summary>
    public void WaitReady(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        using var channel = UnixChannel.Create(Socket);
        var health = new Health.HealthClient(channel);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                Assert.Fail($"forgenetd exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if (File.Exists(Socket) && health.Check(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2)).Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    return;
            }
            catch (RpcException)
            {
                // Not listening yet.
            }
            Thread.Sleep(50);
        }
        Assert.Fail($"forgenetd did not become ready:\n{Output}");
    }

    /// <summary>A new channel to the daemon.</summary>
    public GrpcChannel Channel() => UnixChannel.Create(Socket);

    /// <summary>SIGKILL, like a crash.</summary>
    public void Kill9()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM and wait: a clean stop.</summary>
    public int Stop()
    {
        if (!_process.HasExited)
        {
            Assert.Equal(0, Signal(_process.Id, 15));
            if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
                Assert.Fail($"forgenetd did not stop on SIGTERM:\n{Output}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void WaitForExit(TimeSpan timeout) => Assert.True(_process.WaitForExit(timeout), $"forgenetd still runs:\n{Output}");

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
