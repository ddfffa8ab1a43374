using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using ForgeNet.Kernel.Netlink;
using Microsoft.Win32.SafeHandles;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>
/// A network namespace that exists only for one test: made with unshare(CLONE_NEWNET) on a dedicated thread, held
/// by an fd of /proc/thread-self/ns/net and by an <see cref="RtNetlink"/> opened inside it. It has no name, so
/// nothing outside the test can see it, and the kernel removes it (and every link in it) when both are disposed.
/// </summary>
internal sealed partial class ThrowawayNamespace : IDisposable
{
    private const int CLONE_NEWNET = 0x40000000;

    private ThrowawayNamespace(SafeFileHandle handle, RtNetlink netlink)
    {
        Handle = handle;
        Netlink = netlink;
    }

    /// <summary>The namespace fd, for VethOptions.PeerNamespace, LinkChange.Namespace and entering it again.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>A socket bound to the namespace.</summary>
    public RtNetlink Netlink { get; }

    public static ThrowawayNamespace Create() => OnThread(() =>
    {
        if (unshare(CLONE_NEWNET) != 0) throw new InvalidOperationException($"unshare(CLONE_NEWNET): errno {Marshal.GetLastPInvokeError()}");
        var handle = File.OpenHandle("/proc/thread-self/ns/net", FileMode.Open, FileAccess.Read);
        try
        {
            return new ThrowawayNamespace(handle, RtNetlink.Open());
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    });

    /// <summary>Runs <paramref name="func"/> on a new thread inside the namespace (the thread ends with it).</summary>
    public T Run<T>(Func<T> func) => OnThread(() =>
    {
        if (setns(Handle, CLONE_NEWNET) != 0) throw new InvalidOperationException($"setns: errno {Marshal.GetLastPInvokeError()}");
        return func();
    });

    public void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });

    public void Dispose()
    {
        Netlink.Dispose();
        Handle.Dispose();
    }

    // A thread of its own: unshare and setns change only the calling thread, and this one is never reused.
    private static T OnThread<T>(Func<T> func)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = func();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int unshare(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(SafeHandle fd, int nstype);
}
