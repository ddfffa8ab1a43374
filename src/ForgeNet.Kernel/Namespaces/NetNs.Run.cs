using System.Diagnostics;
using System.Globalization;
using ForgeNet.Kernel.Interop;

namespace ForgeNet.Kernel.Namespaces;

/// <summary>Running code, processes and sysctl access inside the namespace.</summary>
public sealed partial class NetNs
{
    /// <summary>Runs <paramref name="action"/> on a dedicated OS thread inside this namespace; exceptions propagate.</summary>
    public void Run(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run<object?>(() =>
        {
            action();
            return null;
        });
    }

    /// <summary>
    /// Runs <paramref name="func"/> on a dedicated OS thread inside this namespace and returns its result; its
    /// exceptions propagate with their original stack. Handles opened inside (e.g. netlink sockets) stay bound
    /// to this namespace and can be used from any thread afterwards. Never await inside.
    /// </summary>
    public T Run<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        var referenced = false;
        try
        {
            // Keeps the fd from being closed (and its number reused) by a concurrent Dispose while we setns to it.
            Handle.DangerousAddRef(ref referenced);
            return DedicatedThread.Run("netns-run", () => RunOnThisThread(func));
        }
        finally
        {
            if (referenced)
                Handle.DangerousRelease();
        }
    }

    /// <summary>Starts a process inside this namespace (forked on a thread that is inside it).</summary>
    public Process StartProcess(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        return Run(() => Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Process.Start returned no process for '{startInfo.FileName}'"));
    }

    /// <summary>Like <c>ip netns pids NAME</c>: every process whose /proc/PID/ns/net is this namespace, sorted.</summary>
    public IReadOnlyList<int> FindProcessIds()
    {
        var found = new List<int>();
        foreach (var entry in new DirectoryInfo("/proc").EnumerateDirectories())
        {
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            // A process that exits meanwhile (ENOENT) or that we may not inspect (EACCES) is simply not ours.
            if (Libc.Stat($"/proc/{pid}/ns/net", out var stat) != 0)
                continue;
            if (stat.Inode == Id.Inode && stat.Device == Id.Device)
                found.Add(pid);
        }
        found.Sort();
        return found;
    }

    /// <summary>Writes a sysctl as seen inside this namespace; key "net.ipv4.ip_forward" or "net/ipv4/conf/eth0.10/forwarding".</summary>
    public void WriteSysctl(string key, string value)
    {
        Sysctl.ThrowIfInvalidKey(key);
        ArgumentNullException.ThrowIfNull(value);
        Run(() => Sysctl.Write(key, value));
    }

    /// <summary>Reads a sysctl as seen inside this namespace (without the trailing newline).</summary>
    public string ReadSysctl(string key)
    {
        Sysctl.ThrowIfInvalidKey(key);
        return Run(() => Sysctl.Read(key));
    }

    private T RunOnThisThread<T>(Func<T> func)
    {
        using var original = Libc.Open(ThreadSelfPath, Libc.O_RDONLY);
        if (original.IsInvalid)
            throw NamespaceException.FromLastError("open", ThreadSelfPath);
        if (Libc.setns(Handle, Libc.CLONE_NEWNET) != 0)
            throw NamespaceException.FromLastError("setns into", Path);
        try
        {
            return func();
        }
        finally
        {
            // If this fails the thread stays in our namespace, but it is dedicated and ends right after.
            _ = Libc.setns(original, Libc.CLONE_NEWNET);
        }
    }
}
