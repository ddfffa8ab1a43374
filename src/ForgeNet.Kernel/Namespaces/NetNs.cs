using System.Text;
using ForgeNet.Kernel.Interop;
using Microsoft.Win32.SafeHandles;

namespace ForgeNet.Kernel.Namespaces;

/// <summary>A network namespace held open by fd. Named ones live under /run/netns like <c>ip netns add</c>.</summary>
public sealed partial class NetNs : IDisposable
{
    /// <summary>Where named namespaces are bind-mounted, the directory <c>ip netns</c> uses.</summary>
    public const string RunDirectory = "/run/netns";

    /// <summary>The calling thread's network namespace (not the process's: setns is per thread).</summary>
    public const string ThreadSelfPath = "/proc/thread-self/ns/net";

    private NetNs(SafeFileHandle handle, string path, string? name, NamespaceId id)
    {
        Handle = handle;
        Path = path;
        Name = name;
        Id = id;
    }

    /// <summary>The open nsfs fd; it keeps the namespace alive while open.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>The path it was opened from.</summary>
    public string Path { get; }

    /// <summary>The name under /run/netns, for named namespaces; null otherwise.</summary>
    public string? Name { get; }

    /// <summary>(st_dev, st_ino) of the nsfs inode: equal for two handles exactly when they name one namespace.</summary>
    public NamespaceId Id { get; }

    /// <summary>Opens a network namespace file: /run/netns/X, /proc/PID/ns/net or any nsfs file of type net.</summary>
    public static NetNs Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return OpenValidated(path, name: null);
    }

    /// <summary>Opens the namespace /run/netns/NAME; throws <see cref="NamespaceException"/> (ENOENT) when absent.</summary>
    public static NetNs OpenNamed(string name)
    {
        ThrowIfInvalidName(name);
        return OpenValidated(PathOf(name), name);
    }

    /// <summary>Opens /run/netns/NAME, or returns null when there is no such entry.</summary>
    public static NetNs? TryOpenNamed(string name)
    {
        ThrowIfInvalidName(name);
        try
        {
            return OpenValidated(PathOf(name), name);
        }
        catch (NamespaceException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Opens the calling thread's network namespace.</summary>
    public static NetNs OpenCurrent() => OpenValidated(ThreadSelfPath, name: null);

    /// <summary>What <c>ip netns add</c> accepts: not empty, no '/', not "." or "..", at most 255 bytes.</summary>
    public static bool IsValidName(string name) =>
        !string.IsNullOrEmpty(name)
        && name is not "." and not ".."
        && !name.Contains('/')
        && !name.Contains('\0')
        && Encoding.UTF8.GetByteCount(name) <= 255;

    /// <summary>Closes the fd. Never deletes the namespace or its /run/netns entry.</summary>
    public void Dispose() => Handle.Dispose();

    public override string ToString() => Name is null ? $"{Path} ({Id})" : $"{Name} ({Id})";

    private static string PathOf(string name) => $"{RunDirectory}/{name}";

    private static void ThrowIfInvalidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
            throw new ArgumentException($"'{name}' is not a valid network namespace name (not empty, no '/', not '.' or '..', at most 255 bytes)", nameof(name));
    }

    private static NetNs OpenValidated(string path, string? name)
    {
        var handle = Libc.Open(path, Libc.O_RDONLY);
        if (handle.IsInvalid)
            throw NamespaceException.FromLastError("open", path);
        try
        {
            ThrowIfNotNetworkNamespace(handle, path);
            return new NetNs(handle, path, name, ReadId(handle, path));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void ThrowIfNotNetworkNamespace(SafeFileHandle handle, string path)
    {
        var type = Libc.ioctl(handle, Libc.NS_GET_NSTYPE, 0);
        if (type == Libc.CLONE_NEWNET)
            return;
        var what = type < 0
            ? $"not a namespace file (NS_GET_NSTYPE: {Errno.Describe(Errno.Last)}); an empty file under {RunDirectory} is a half-made entry that DeleteNamed removes"
            : $"a namespace of another type (CLONE_NEW* 0x{type:x}), not a network namespace";
        throw new NamespaceException("open", path, Errno.EINVAL, $"not a network namespace: {what}");
    }

    private static NamespaceId ReadId(SafeFileHandle handle, string path)
    {
        if (Libc.FStat(handle, out var stat) != 0)
            throw NamespaceException.FromLastError("stat", path);
        return new NamespaceId(stat.Device, stat.Inode);
    }
}
