using System.Diagnostics;
using System.Text;

namespace ForgeNet.E2E;

/// <summary>The result of one <c>forge</c> process.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>
/// Runs the real <c>forge</c> binary as a separate process with an environment that confines it to one
/// test: its own state directory, a throwaway host namespace and a unique namespace prefix.
/// FORGE_BIN selects another binary (e.g. the NativeAOT one from scripts/install).
/// </summary>
public sealed class ForgeCli(IReadOnlyDictionary<string, string> environment)
{
    private static readonly string Binary = System.Environment.GetEnvironmentVariable("FORGE_BIN") ?? Path.Combine(AppContext.BaseDirectory, "forge");

    private readonly List<Process> _started = [];

    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    /// <summary>Every process this instance started; the test's fixture ends those still running.</summary>
    public IReadOnlyList<Process> Started
    {
        get
        {
            lock (_started) return [.. _started];
        }
    }

    public ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? extraEnv = null)
    {
        var psi = File.Exists(Binary)
            ? new ProcessStartInfo(Binary)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "forge.dll") } };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        foreach (var (k, v) in Environment)
            psi.Environment[k] = v;
        foreach (var (k, v) in extraEnv ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        return psi;
    }

    public CliResult Run(params string[] args) => Run(args, null);

    public CliResult Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? extraEnv, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, extraEnv))!;
        process.StandardInput.Close();
        return Wait(process, timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts forge and returns the running process; the caller waits with <see cref="Wait"/>.</summary>
    public Process Start(params string[] args)
    {
        var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        lock (_started) _started.Add(process);
        return process;
    }

    public static CliResult Wait(Process process, TimeSpan timeout)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"forge did not finish within {timeout}: {string.Join(' ', process.StartInfo.ArgumentList)}");
        }
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Describe(IEnumerable<CliResult> results)
    {
        var text = new StringBuilder();
        foreach (var r in results)
            text.AppendLine(r.ToString());
        return text.ToString();
    }
}
