using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core.Drivers;

/// <summary>
/// The namespace that plays "the host": the process's own, or the one named by
/// <see cref="EngineOptions.HostNamespacePath"/>. Its netlink socket opens on first use.
/// </summary>
internal sealed class HostNamespace(string? path) : IDisposable
{
    private readonly Lazy<NetNs?> _namespace = new(() => path is null ? null : NetNs.Open(path));
    private Lazy<RtNetlink>? _netlink;

    /// <summary>The rtnetlink socket bound to the host namespace (thread-safe, shared).</summary>
    public RtNetlink Netlink
    {
        get
        {
            LazyInitializer.EnsureInitialized(ref _netlink, () => new Lazy<RtNetlink>(OpenNetlink));
            return _netlink.Value;
        }
    }

    /// <summary>The identity of the host namespace, so that nothing ever mistakes it for a sandbox's.</summary>
    public NamespaceId Id
    {
        get
        {
            if (_namespace.Value is { } ns) return ns.Id;
            using var current = NetNs.Open("/proc/self/ns/net");
            return current.Id;
        }
    }

    /// <summary>Runs <paramref name="func"/> on a thread inside the host namespace (at once when that is the process's own).</summary>
    public T Run<T>(Func<T> func) => _namespace.Value is { } ns ? ns.Run(func) : func();

    /// <summary>Reads a sysctl as the host namespace sees it.</summary>
    public string ReadSysctl(string key) => _namespace.Value is { } ns ? ns.ReadSysctl(key) : Sysctl.Read(key);

    /// <summary>Writes a sysctl as the host namespace sees it.</summary>
    public void WriteSysctl(string key, string value)
    {
        if (_namespace.Value is { } ns) ns.WriteSysctl(key, value);
        else Sysctl.Write(key, value);
    }

    public void Dispose()
    {
        if (_netlink is { IsValueCreated: true }) _netlink.Value.Dispose();
        if (_namespace.IsValueCreated) _namespace.Value?.Dispose();
    }

    private RtNetlink OpenNetlink() => _namespace.Value is { } ns ? ns.Run(RtNetlink.Open) : RtNetlink.Open();
}
