using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ForgeNet.Cli.Processes;

/// <summary>
/// Holds forge alive through SIGTERM, SIGHUP, SIGINT and SIGQUIT and forwards them to the command it runs.
/// Created before any setup, so a signal that arrives while the sandbox is being made or the command is
/// being started is not lost: it is remembered and delivered once the command exists.
/// </summary>
public sealed partial class SignalForwarder : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations;
    private readonly Lock _lock = new();
    private Process? _child;
    private int? _pending;

    public SignalForwarder()
    {
        PosixSignal[] signals = [PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGQUIT];
        _registrations = signals.Select(s => PosixSignalRegistration.Create(s, OnSignal)).ToList();
    }

    /// <summary>The first signal that arrived before a command was attached, if any (as a signal number).</summary>
    public int? Pending
    {
        get
        {
            lock (_lock) return _pending;
        }
    }

    /// <summary>From now on signals go to <paramref name="child"/>; one that arrived earlier is delivered at once.</summary>
    public void Attach(Process child)
    {
        int? pending;
        lock (_lock)
        {
            _child = child;
            pending = _pending;
        }
        if (pending is { } signal)
            Send(child, signal);
    }

    public void Dispose() => _registrations.ForEach(r => r.Dispose());

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // forge stays alive to remove the sandbox after the command
        var number = context.Signal switch
        {
            PosixSignal.SIGHUP => 1,
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            _ => 15,
        };
        Process? child;
        lock (_lock)
        {
            _pending ??= number;
            child = _child;
        }
        // SIGINT and SIGQUIT typed at a terminal already reach the whole foreground process group, the
        // command included: forwarding them would deliver them twice. Sent with kill(1), they reach only us.
        var fromTerminal = number is 2 or 3 && !Console.IsInputRedirected;
        if (child is not null && !fromTerminal)
            Send(child, number);
    }

    private static void Send(Process child, int signal)
    {
        try
        {
            if (!child.HasExited)
                _ = Kill(child.Id, signal);
        }
        catch (InvalidOperationException)
        {
            // it exited meanwhile
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
