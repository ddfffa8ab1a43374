using System.Diagnostics;

namespace ForgeNet.Bench;

/// <summary>Runs one external command to completion; a non-zero exit is a <see cref="CommandFailedException"/>.</summary>
internal static class Command
{
    /// <summary>Runs file with args (stdin text and extra environment optional) and returns its stdout.</summary>
    public static string Run(string file, IReadOnlyList<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                psi.Environment[key] = value;
            }
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"start {file}: no process");
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = stderrTask.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new CommandFailedException(Describe(file, args), process.ExitCode, ErrorOutput(stderr, stdout));
        }
        return stdout;
    }

    /// <summary>Like <see cref="Run"/>, but returns false instead of throwing (for best-effort cleanup).</summary>
    public static bool TryRun(string file, params string[] args)
    {
        try
        {
            Run(file, args);
            return true;
        }
        catch (Exception e) when (e is CommandFailedException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Describe(string file, IReadOnlyList<string> args) =>
        args.Count == 0 ? file : file + " " + string.Join(' ', args);

    // CNI plugins print their error as JSON on stdout; everything else uses stderr.
    private static string ErrorOutput(string stderr, string stdout) =>
        (string.IsNullOrWhiteSpace(stderr) ? stdout : stderr).Trim();
}
