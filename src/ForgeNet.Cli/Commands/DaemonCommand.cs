using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ForgeNet.Cli.Remote;

namespace ForgeNet.Cli.Commands;

/// <summary>
/// <c>forge daemon</c>: runs forgenetd, the gRPC daemon, which lives beside forge (forge stays a small NativeAOT
/// binary; the daemon is an ASP.NET Core application). In the foreground forge becomes forgenetd (exec); otherwise
/// it starts forgenetd in a new session, waits until its socket answers, prints its PID and returns.
/// </summary>
public static class DaemonCommand
{
    public static Command Build()
    {
        var socket = new Option<string?>("--socket") { Description = $"The API's Unix socket (default {DaemonConnection.DefaultSocket})" };
        var metrics = new Option<string?>("--metrics") { Description = "Serve Prometheus /metrics on ADDRESS:PORT, or off (default 127.0.0.1:9464)" };
        var foreground = new Option<bool>("--foreground") { Description = "Stay in the foreground (for systemd, containers, terminals); logs go to stderr" };
        var command = new Command("daemon", "Run the ForgeNet daemon: gRPC on a Unix socket, Prometheus metrics, events (docs/API.md)") { socket, metrics, foreground };
        command.SetBody(ctx =>
        {
            var path = FindDaemon();
            var args = new List<string>();
            if (ctx.Parse.GetValue(socket) is { } s) args.AddRange(["--socket", Path.GetFullPath(s)]);
            if (ctx.Parse.GetValue(metrics) is { } m) args.AddRange(["--metrics", m]);
            if (ctx.Parse.GetValue(foreground))
            {
                string?[] argv = [path, "--foreground", .. args, null];
                Interop.Libc.Execv(path, argv);
                throw new Win32Exception(Marshal.GetLastPInvokeError(), $"exec {path}");
            }
            var pid = StartDetached(path, args, ctx.Parse.GetValue(socket) is { } given ? Path.GetFullPath(given) : DaemonConnection.DefaultSocket);
            ctx.Output.Line($"forgenetd {pid} started");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>FORGENET_DAEMON, else forgenetd beside forge (scripts/install puts it there), else forgenetd on PATH.</summary>
    private static string FindDaemon()
    {
        if (Environment.GetEnvironmentVariable("FORGENET_DAEMON") is { Length: > 0 } given) return given;
        var self = Environment.ProcessPath is { } p ? new FileInfo(p).ResolveLinkTarget(true)?.FullName ?? p : null;
        if (self is not null && Path.Combine(Path.GetDirectoryName(self)!, "forgenetd") is var sibling && File.Exists(sibling)) return sibling;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "forgenetd");
            if (File.Exists(candidate)) return candidate;
        }
        throw new Core.Errors.ForgeException(Core.Errors.ErrorKind.NotFound, "forgenetd not found beside forge or on PATH (scripts/install installs it)");
    }

    private static int StartDetached(string path, List<string> args, string socket)
    {
        // setsid(1) without -f execs in place (our child is no group leader): the PID we get is the daemon's.
        // Its output goes to SOCKET.log: a pipe to forge would break when forge exits.
        if (Answers(socket))
            throw new Core.Errors.ForgeException(Core.Errors.ErrorKind.AlreadyExists, $"a daemon already answers on {socket}");
        var log = socket + ".log";
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$0\" \"$@\" </dev/null >>\"$FORGENET_DAEMON_LOG\" 2>&1");
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("--foreground");
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["FORGENET_DAEMON_LOG"] = log;
        Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        using var process = Process.Start(start) ?? throw new Core.Errors.ForgeException(Core.Errors.ErrorKind.Internal, "cannot start sh");
        process.StandardInput.Close();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
                throw new Core.Errors.ForgeException(Core.Errors.ErrorKind.Internal, $"forgenetd exited with {process.ExitCode}: {LastLine(log)}");
            if (Answers(socket)) return process.Id;
            Thread.Sleep(50);
        }
        throw new Core.Errors.ForgeException(Core.Errors.ErrorKind.Internal, $"forgenetd {process.Id} did not answer on {socket} within 30 s (log: {log})");
    }

    private static string LastLine(string log) =>
        File.Exists(log) ? File.ReadLines(log).LastOrDefault(l => l.Length > 0) ?? "" : "";

    private static bool Answers(string socket)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
