using ForgeNet.Kernel.Interop;

namespace ForgeNet.Kernel.Namespaces;

/// <summary>A private mount namespace for the calling thread, e.g. to show a process its own /etc/resolv.conf (what <c>ip netns exec</c> does).</summary>
public static class MountNamespace
{
    /// <summary>
    /// Moves the calling thread into a new mount namespace whose mounts do not propagate back (/ made a recursive slave),
    /// then bind-mounts each source onto its target there. Processes the thread starts afterwards inherit it. Call only on a
    /// dedicated thread that ends afterwards (inside <see cref="NetNs.Run{T}"/>): the thread cannot go back.
    /// </summary>
    public static void BindOnThisThread(IReadOnlyList<(string Source, string Target)> binds)
    {
        ArgumentNullException.ThrowIfNull(binds);
        if (Libc.unshare(Libc.CLONE_NEWNS) != 0)
            throw NamespaceException.FromLastError("unshare(CLONE_NEWNS) for", "/");
        if (Libc.mount("none", "/", null, Libc.MS_REC | Libc.MS_SLAVE, 0) != 0)
            throw NamespaceException.FromLastError("make the mounts private (MS_SLAVE) under", "/");
        foreach (var (source, target) in binds)
            if (Libc.mount(source, target, null, Libc.MS_BIND, 0) != 0)
                throw NamespaceException.FromLastError($"bind-mount {source} onto", target);
    }
}
