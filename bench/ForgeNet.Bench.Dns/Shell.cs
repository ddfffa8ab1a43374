using System.Diagnostics;

namespace ForgeNet.Bench.Dns;

/// <summary>Runs the tools the benchmark drives (ip, dnsmasq, aardvark-dns, dnsperf).</summary>
internal static class Shell
{
    /// <summary>Runs to completion; throws with stderr when it fails. Returns stdout.</summary>
    public static string Run(string file, params string[] args)
    {
        using var process = Process.Start(Info(file, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {process.ExitCode}: {error.Result}");
        return output.Result;
    }

    /// <summary>Starts a long-running process, its output discarded.</summary>
    public static Process Start(string file, params string[] args)
    {
        var process = Process.Start(Info(file, args))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Stops a process this benchmark started, by its PID.</summary>
    public static void Stop(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(5000);
        }
        catch (ArgumentException) { } // already gone
    }

    private static ProcessStartInfo Info(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }
}
