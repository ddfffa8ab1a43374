using System.Runtime.ExceptionServices;

namespace ForgeNet.Kernel.Namespaces;

/// <summary>
/// Runs a function on a new OS thread of its own and waits for it. setns/unshare change only the calling
/// thread, so namespace work must never run on a pool thread that someone else picks up afterwards; a thread
/// that is never reused can also simply end if switching back fails.
/// </summary>
internal static class DedicatedThread
{
    // Namespace work is short and shallow; a small stack keeps thread creation cheap.
    private const int StackSize = 256 * 1024;

    public static T Run<T>(string name, Func<T> func)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = func(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, StackSize)
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
