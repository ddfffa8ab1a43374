using System.Diagnostics;
using System.Text;
using ForgeNet.Core;

namespace ForgeNet.Bench.Firewall;

/// <summary>
/// A process started inside a sandbox through <see cref="Engine.StartProcess"/>, with its output captured (never
/// mixed into the report on stdout). Disposing kills it, by its PID, if it still runs.
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly string _label;

    private SandboxProcess(Process process, string label)
    {
        _process = process;
        _label = label;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts file with args inside the sandbox.</summary>
    public static SandboxProcess Start(Engine engine, string sandbox, string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        var label = $"{file} {string.Join(' ', args)} (in sandbox {sandbox})";
        return new SandboxProcess(engine.StartProcess(sandbox, psi), label);
    }

    /// <summary>Runs to completion within timeout and returns stdout; a non-zero exit or the timeout is a CommandFailedException.</summary>
    public static string Run(Engine engine, string sandbox, string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var process = Start(engine, sandbox, file, args);
        return process.WaitForSuccess(timeout);
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>SIGKILLs the process (by its PID) if it still runs.</summary>
    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
                _process.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }
    }

    private string WaitForSuccess(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new CommandFailedException(_label, -1, $"no exit after {timeout.TotalSeconds:F0} s; killed. {Tail(_stderr)}");
        }
        _process.WaitForExit(); // flushes the asynchronous readers
        if (_process.ExitCode != 0)
        {
            throw new CommandFailedException(_label, _process.ExitCode, Tail(_stderr.Length > 0 ? _stderr : _stdout));
        }
        lock (_stdout)
        {
            return _stdout.ToString();
        }
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (sb)
        {
            sb.Append(line).Append('\n');
        }
    }

    private static string Tail(StringBuilder sb)
    {
        lock (sb)
        {
            var text = sb.ToString().Trim();
            return text.Length <= 400 ? text : "…" + text[^400..];
        }
    }
}
