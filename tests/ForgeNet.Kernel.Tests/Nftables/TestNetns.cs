using System.Diagnostics;
using System.Runtime.InteropServices;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>
/// A throwaway named network namespace (<c>ip netns add fnt-…</c>) for privileged tests. <see cref="Run{T}"/> executes
/// code on a fresh OS thread that has entered the namespace, so anything opened there (an nft context, a socket)
/// stays bound to it. Deleted on dispose, also when the test failed.
/// </summary>
internal sealed partial class TestNetns : IDisposable
{
    private const int CLONE_NEWNET = 0x40000000;

    public TestNetns(string? suffix = null)
    {
        Name = TestNames.Unique(suffix);
        Ip("netns", "add", Name);
    }

    public string Name { get; }

    /// <summary>Runs <paramref name="work"/> on a new thread inside the namespace and returns its result.</summary>
    public T Run<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var ns = File.OpenHandle($"/run/netns/{Name}");
                if (setns((int)ns.DangerousGetHandle(), CLONE_NEWNET) != 0)
                    throw new InvalidOperationException($"setns {Name}: errno {Marshal.GetLastPInvokeError()}");
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
            // The thread ends here, still inside the namespace: it is never reused.
        });
        thread.Start();
        thread.Join();
        if (error is not null)
            throw new InvalidOperationException($"in netns {Name}: {error.Message}", error);
        return result;
    }

    public void Run(Action work) => Run(() =>
    {
        work();
        return 0;
    });

    /// <summary>Runs a command inside the namespace (<c>ip netns exec</c>) and returns its standard output.</summary>
    public string Exec(params string[] command) => Ip(["netns", "exec", Name, .. command]);

    /// <summary>Runs <c>ip</c> with <paramref name="args"/>; throws with its stderr when it fails.</summary>
    public static string Ip(params string[] args) => Tool("ip", args);

    public static string Tool(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {p.ExitCode}: {stderr.Trim()}");
        return stdout.Result;
    }

    public void Dispose()
    {
        try
        {
            Ip("netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
            // Best effort: the namespace may already be gone.
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);
}
