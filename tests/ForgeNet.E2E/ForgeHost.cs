using System.Diagnostics;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;

namespace ForgeNet.E2E;

/// <summary>
/// A throwaway "host" for one test: a network namespace that plays the host (bridges and host-side veths
/// live there, so nothing reaches the machine's real network), a private state directory, and a unique
/// prefix for the sandboxes' namespaces. Disposing removes all of it, whatever the test left.
/// </summary>
public sealed class ForgeHost : IDisposable
{
    public ForgeHost()
    {
        Prefix = TestNames.Unique();
        StateDirectory = Directory.CreateTempSubdirectory(Prefix + "-state-").FullName;
        Host = NetNs.Create(Prefix + "-host");
        Cli = new ForgeCli(new Dictionary<string, string>
        {
            ["FORGENET_STATE_DIR"] = StateDirectory,
            ["FORGENET_HOST_NETNS"] = Host.Path,
            ["FORGENET_NETNS_PREFIX"] = Prefix + "-sb-",
        });
    }

    public string Prefix { get; }

    public string StateDirectory { get; }

    /// <summary>The name of a sandbox's namespace under /run/netns.</summary>
    public string NamespaceOf(string sandbox) => Prefix + "-sb-" + sandbox;

    public NetNs Host { get; }

    public ForgeCli Cli { get; }

    /// <summary>A dual-stack TCP listener created inside a sandbox's namespace (a socket stays bound to the namespace it was made in).</summary>
    public System.Net.Sockets.TcpListener Listen(string sandbox, int port = 0)
    {
        using var ns = NetNs.OpenNamed(NamespaceOf(sandbox));
        return ns.Run(() =>
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.IPv6Any, port);
            listener.Server.DualMode = true;
            listener.Start();
            return listener;
        });
    }

    /// <summary>Runs forge and asserts it succeeded.</summary>
    public CliResult Ok(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == 0, $"forge {string.Join(' ', args)} failed:\n{result}");
        return result;
    }

    /// <summary>The sandbox namespaces (ours: with this test's prefix, the host excluded) that exist now.</summary>
    public IReadOnlyList<string> SandboxNamespaces() =>
        NetNs.ListNamed().Where(n => n.StartsWith(Prefix + "-sb-", StringComparison.Ordinal)).ToList();

    /// <summary>Host-side links ForgeNet made for sandboxes (veths named fv…) that still exist in the host namespace.</summary>
    public IReadOnlyList<string> HostVeths()
    {
        using var netlink = Host.Run(RtNetlink.Open);
        return netlink.ListLinks().Where(l => l.Name.StartsWith("fv", StringComparison.Ordinal)).Select(l => l.Name).ToList();
    }

    /// <summary>Waits (bounded) until the kernel has dismantled host-side veths of deleted namespaces.</summary>
    public IReadOnlyList<string> HostVethsAfterSettling(TimeSpan? within = null)
    {
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<string> veths;
        while ((veths = HostVeths()).Count > 0 && deadline.Elapsed < (within ?? TimeSpan.FromSeconds(10)))
            Thread.Sleep(50);
        return veths;
    }

    /// <summary>Asserts that no namespace, host-side veth or sandbox record of this test remains.</summary>
    public void AssertNothingLeft()
    {
        Assert.Empty(SandboxNamespaces());
        Assert.Empty(HostVethsAfterSettling());
        var ls = Ok("sandbox", "ls", "--json");
        Assert.Equal("[]", ls.Stdout.Trim());
    }

    public void Dispose()
    {
        foreach (var process in Cli.Started)
            KillQuietly(process);
        foreach (var pid in SandboxNamespaces().SelectMany(PidsIn))
            KillQuietly(pid);
        foreach (var name in SandboxNamespaces())
            NetNs.DeleteNamed(name);
        Host.Dispose();
        NetNs.DeleteNamed(Prefix + "-host");
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The processes in a sandbox namespace; none while it is half made (a file not yet mounted).</summary>
    public static IReadOnlyList<int> PidsIn(string name)
    {
        try
        {
            using var ns = NetNs.TryOpenNamed(name);
            return ns?.FindProcessIds() ?? [];
        }
        catch (NamespaceException)
        {
            return [];
        }
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            KillQuietly(process);
        }
        catch (ArgumentException)
        {
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }
}
