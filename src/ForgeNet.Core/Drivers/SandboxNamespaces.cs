using System.Diagnostics;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core.Drivers;

/// <summary>Sandbox namespaces: creation with hardened sysctls, the processes inside, deletion.</summary>
internal static class SandboxNamespaces
{
    private const int LoopbackIndex = 1;

    // Router advertisements and redirects must not reconfigure a sandbox behind ForgeNet's back.
    private static readonly (string Key, string Value)[] HardeningV6 =
    [
        ("net.ipv6.conf.all.accept_ra", "0"),
        ("net.ipv6.conf.default.accept_ra", "0"),
        ("net.ipv6.conf.default.autoconf", "0"),
        ("net.ipv6.conf.all.accept_redirects", "0"),
    ];

    private static readonly (string Key, string Value)[] HardeningV4 = [("net.ipv4.conf.all.accept_redirects", "0")];

    private static readonly bool HasIpv6 = Directory.Exists("/proc/sys/net/ipv6");

    /// <summary>Creates the named namespace, hardened, lo up; returns it with a netlink socket bound to it.</summary>
    public static (NetNs Namespace, RtNetlink Netlink) Create(string name)
    {
        RtNetlink? netlink = null;
        try
        {
            var ns = NetNs.Create(name, () =>
            {
                if (HasIpv6) Array.ForEach(HardeningV6, s => Sysctl.Write(s.Key, s.Value));
                Array.ForEach(HardeningV4, s => Sysctl.Write(s.Key, s.Value));
                netlink = RtNetlink.Open();
                netlink.SetLink(new LinkChange(LoopbackIndex) { Up = true });
            });
            return (ns, netlink!);
        }
        catch
        {
            netlink?.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the named namespace; its veths go with it (the kernel dismantles them asynchronously).</summary>
    public static bool Delete(string name) => NetNs.DeleteNamed(name);

    /// <summary>True when /run/netns/&lt;name&gt; exists.</summary>
    public static bool Exists(string name) => File.Exists(Path.Combine(NetNs.RunDirectory, name));

    /// <summary>"1234 (sleep), 1240 (sh)".</summary>
    public static string Describe(IEnumerable<int> pids) => string.Join(", ", pids.Select(pid => $"{pid} ({Command(pid)})"));

    /// <summary>SIGKILLs the processes and waits (bounded) until none is left in the namespace.</summary>
    public static void KillAll(NetNs ns, IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (pids.Count > 0)
        {
            foreach (var pid in pids) Kill(pid);
            if (deadline.Elapsed > timeout)
                throw ForgeException.InUse($"processes still running after SIGKILL: {Describe(pids)}");
            Thread.Sleep(5);
            pids = ns.FindProcessIds();
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited meanwhile.
        }
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
