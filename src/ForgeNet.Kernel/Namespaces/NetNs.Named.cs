using ForgeNet.Kernel.Interop;

namespace ForgeNet.Kernel.Namespaces;

/// <summary>Named namespaces under /run/netns, made and removed the way iproute2 does it.</summary>
public sealed partial class NetNs
{
    private const UnixFileMode RunDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static readonly Lock RunDirectoryLock = new();
    private static bool runDirectoryReady;

    /// <summary>
    /// Like <c>ip netns add NAME</c>: a new network namespace bind-mounted at /run/netns/NAME. Throws
    /// <see cref="NamespaceException"/> (EEXIST) if the name is taken. <paramref name="initialise"/> runs on the
    /// creating thread while it is inside the new namespace; if it throws, the namespace is removed and the
    /// exception propagates.
    /// </summary>
    public static NetNs Create(string name, Action? initialise = null)
    {
        ThrowIfInvalidName(name);
        var path = PathOf(name);
        CreatePlaceholder(path);
        try
        {
            return DedicatedThread.Run("netns-create", () => CreateOnThisThread(name, path, initialise));
        }
        catch
        {
            RemoveEntryAfterFailure(path);
            throw;
        }
    }

    /// <summary>
    /// Like <c>ip netns delete NAME</c>: detaches the bind mount and removes the entry; false when there was none.
    /// Idempotent, and also removes a half-made entry (an unmounted file) left by an interrupted create.
    /// </summary>
    public static bool DeleteNamed(string name)
    {
        ThrowIfInvalidName(name);
        return RemoveEntry(PathOf(name));
    }

    /// <summary>The names under /run/netns, sorted; empty when the directory does not exist.</summary>
    public static IReadOnlyList<string> ListNamed()
    {
        var directory = new DirectoryInfo(RunDirectory);
        if (!directory.Exists)
            return [];
        var names = directory.EnumerateFileSystemInfos().Select(entry => entry.Name).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    // The O_EXCL create is what makes two creators of one name fail cleanly instead of stacking mounts.
    private static void CreatePlaceholder(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            EnsureRunDirectory(force: attempt > 0);
            using var placeholder = Libc.Open(path, Libc.O_RDONLY | Libc.O_CREAT | Libc.O_EXCL, mode: 0);
            if (!placeholder.IsInvalid)
                return;
            var errno = Errno.Last;
            // Someone removed /run/netns after we prepared it: prepare it again, once.
            if (errno != Errno.ENOENT || attempt > 0)
                throw new NamespaceException("create", path, errno);
        }
    }

    private static NetNs CreateOnThisThread(string name, string path, Action? initialise)
    {
        using var original = Libc.Open(ThreadSelfPath, Libc.O_RDONLY);
        if (original.IsInvalid)
            throw NamespaceException.FromLastError("open", ThreadSelfPath);
        if (Libc.unshare(Libc.CLONE_NEWNET) != 0)
            throw NamespaceException.FromLastError("unshare(CLONE_NEWNET) for", path);
        try
        {
            initialise?.Invoke();
            if (Libc.mount(ThreadSelfPath, path, "none", Libc.MS_BIND, 0) != 0)
                throw NamespaceException.FromLastError("bind-mount the new namespace onto", path);
            return OpenValidated(path, name);
        }
        finally
        {
            // Failure leaves this thread in the new namespace; it is dedicated and ends right after, so that is harmless.
            _ = Libc.setns(original, Libc.CLONE_NEWNET);
        }
    }

    // The error that made the create fail is the one to report, not a second one from cleaning up.
    private static void RemoveEntryAfterFailure(string path)
    {
        try
        {
            RemoveEntry(path);
        }
        catch (NamespaceException)
        {
        }
    }

    private static bool RemoveEntry(string path)
    {
        // Loop: a racing create elsewhere may have stacked a second mount; EINVAL means no mount is left.
        for (var i = 0; i < 16 && Libc.umount2(path, Libc.MNT_DETACH) == 0; i++)
        {
        }
        var umountErrno = Errno.Last;
        if (umountErrno is not (Errno.EINVAL or Errno.ENOENT or 0))
            throw new NamespaceException("unmount", path, umountErrno);
        if (Libc.unlink(path) == 0)
            return true;
        var errno = Errno.Last;
        return errno == Errno.ENOENT ? false : throw new NamespaceException("remove", path, errno);
    }

    // Like iproute2: /run/netns must be a shared mount so that mounts under it propagate to other mount
    // namespaces (a container started later still sees namespaces created afterwards).
    private static void EnsureRunDirectory(bool force)
    {
        lock (RunDirectoryLock)
        {
            if (runDirectoryReady && !force)
                return;
            Directory.CreateDirectory(RunDirectory, RunDirectoryMode);
            MakeSharedMount();
            runDirectoryReady = true;
        }
    }

    private static void MakeSharedMount()
    {
        if (Libc.mount("", RunDirectory, "none", Libc.MS_SHARED | Libc.MS_REC, 0) == 0)
            return;
        var errno = Errno.Last;
        if (errno != Errno.EINVAL)
            throw new NamespaceException("make a shared mount of", RunDirectory, errno);
        // EINVAL: not a mount point yet. Make it one by bind-mounting it onto itself, then retry.
        if (Libc.mount(RunDirectory, RunDirectory, "none", Libc.MS_BIND | Libc.MS_REC, 0) != 0)
            throw NamespaceException.FromLastError("bind-mount onto itself", RunDirectory);
        if (Libc.mount("", RunDirectory, "none", Libc.MS_SHARED | Libc.MS_REC, 0) != 0)
            throw NamespaceException.FromLastError("make a shared mount of", RunDirectory);
    }
}
