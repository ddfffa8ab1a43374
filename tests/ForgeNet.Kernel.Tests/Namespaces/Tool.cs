using System.Diagnostics;

namespace ForgeNet.Kernel.Tests.Namespaces;

/// <summary>Runs a command-line tool (ip, readlink) to check our results against the system's own view.</summary>
internal static class Tool
{
    public static (int ExitCode, string Output) Run(string fileName, params string[] arguments) =>
        Wait(Process.Start(StartInfo(fileName, arguments))!);

    public static ProcessStartInfo StartInfo(string fileName, params string[] arguments)
    {
        var psi = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            psi.ArgumentList.Add(argument);
        return psi;
    }

    public static (int ExitCode, string Output) Wait(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                throw new TimeoutException($"{process.StartInfo.FileName} did not finish in 30 s");
            }
            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
