using System.Runtime.InteropServices;

namespace ForgeNet.Kernel.Netlink;

/// <summary>
/// Keeps a SafeHandle's fd from being closed (and reused) while a request that names it is processed;
/// the kernel reads IFLA_NET_NS_FD during send.
/// </summary>
internal ref struct HandleLease
{
    private readonly SafeHandle? _handle;
    private bool _added;

    public HandleLease(SafeHandle? handle, string parameter)
    {
        _handle = handle;
        Fd = null;
        if (handle is null) return;
        if (handle.IsInvalid) throw new ArgumentException("the namespace handle is invalid", parameter);
        handle.DangerousAddRef(ref _added);
        Fd = (int)handle.DangerousGetHandle();
    }

    /// <summary>The fd, or null when there is no handle.</summary>
    public int? Fd { get; }

    public void Dispose()
    {
        if (_added) _handle!.DangerousRelease();
        _added = false;
    }
}
