using System.Diagnostics;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Cni.Tests.Interop;

/// <summary>What a command printed and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>Runs a command (in a namespace, when given) with a deadline; tests only.</summary>
public static class Tool
{
    public static ToolResult Run(NetNs? ns, string file, params string[] args) => Run(ns, TimeSpan.FromSeconds(20), file, args);

    public static ToolResult Run(NetNs? ns, TimeSpan deadline, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var p = ns is null ? Process.Start(info)! : ns.StartProcess(info);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(deadline))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return new ToolResult(-1, stdout.Result, stderr.Result + $"\n(killed after {deadline.TotalSeconds} s)");
        }
        p.WaitForExit();
        return new ToolResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs and asserts exit code 0; returns stdout.</summary>
    public static string Ok(NetNs? ns, string file, params string[] args)
    {
        var r = Run(ns, file, args);
        Assert.True(r.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {r}");
        return r.Stdout;
    }

    /// <summary>Starts a long-running process (a server) in a namespace; the caller kills it.</summary>
    public static Process Start(NetNs ns, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        return ns.StartProcess(info);
    }

    /// <summary>Kills a process started by <see cref="Start"/> (by its own handle, never by name).</summary>
    public static void Stop(Process? p)
    {
        if (p is null)
            return;
        try
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        p.Dispose();
    }
}
