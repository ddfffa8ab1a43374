using System.Diagnostics;

namespace ForgeNet.Daemon.Tests.Support;

/// <summary>Runs a tool (ip, nft, promtool) for a test's checks; never product code.</summary>
internal static class Shell
{
    public static (int Code, string Output) Run(string file, string? stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>`ip ARGS`, failing the test on a non-zero exit.</summary>
    public static string Ip(params string[] arguments)
    {
        var (code, output) = Run("ip", null, arguments);
        Assert.True(code == 0, $"ip {string.Join(' ', arguments)}: {output}");
        return output;
    }

    /// <summary>True once <paramref name="condition"/> holds, polling until <paramref name="timeout"/>.</summary>
    public static bool Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition()) return true;
            Thread.Sleep(50);
        }
        return condition();
    }
}
