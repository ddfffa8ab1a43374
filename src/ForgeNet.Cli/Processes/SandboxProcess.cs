using System.ComponentModel;
using System.Diagnostics;
using ForgeNet.Core;

namespace ForgeNet.Cli.Processes;

/// <summary>
/// Runs a command inside a sandbox with the caller's stdio and returns its exit code the way shells do
/// (128+N when killed by signal N). Signals reach it through a <see cref="SignalForwarder"/>.
/// </summary>
public static class SandboxProcess
{
    /// <summary>Starts <paramref name="command"/> in <paramref name="sandbox"/>, waits for it and returns its exit code.</summary>
    public static int Run(Engine engine, string sandbox, IReadOnlyList<string> command, SignalForwarder signals)
    {
        if (command.Count == 0)
            throw new UsageException("no command given: put it after --, e.g. forge run -- sh -c 'echo hi'");
        if (signals.Pending is { } early)
            return 128 + early; // asked to stop before the command started: do not start it

        var startInfo = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var arg in command.Skip(1))
            startInfo.ArgumentList.Add(arg);

        Process child;
        try
        {
            child = engine.StartProcess(sandbox, startInfo);
        }
        catch (Exception ex) when ((ex as Win32Exception ?? ex.InnerException as Win32Exception) is { NativeErrorCode: 2 or 13 } start)
        {
            var notFound = start.NativeErrorCode == 2;
            Console.Error.WriteLine($"forge: {command[0]}: {(notFound ? "command not found" : "permission denied")}");
            return notFound ? ExitCodes.CommandNotFound : ExitCodes.CannotExecute;
        }

        using (child)
        {
            signals.Attach(child);
            child.WaitForExit();
            return child.ExitCode;
        }
    }
}
