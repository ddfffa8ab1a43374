using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace ForgeNet.Kernel.Tests.Namespaces;

/// <summary>
/// Runs a test body on a thread of its own that the TEST moved into a fresh network namespace with its own
/// unshare(2), independent of the code under test. Threads (and processes) the body starts inherit it, so
/// even a broken NetNs.Run that never switches namespaces writes sysctls or makes links only in this
/// throwaway namespace, never in the machine's own. The namespace dies with the thread.
/// </summary>
internal static partial class Isolated
{
    private const int CLONE_NEWNET = 0x40000000;
    private const string ThreadNamespace = "/proc/thread-self/ns/net";

    public static T Run<T>(Func<T> body)
    {
        var host = new FileInfo(ThreadNamespace).LinkTarget;
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (unshare(CLONE_NEWNET) != 0)
                    throw new InvalidOperationException($"test isolation: unshare(CLONE_NEWNET) failed, errno {Marshal.GetLastPInvokeError()}");
                var isolated = new FileInfo(ThreadNamespace).LinkTarget;
                if (isolated is null || isolated == host)
                    throw new InvalidOperationException($"test isolation: still in the machine's namespace {host}");
                result = body();
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

    public static void Run(Action body) => Run<object?>(() =>
    {
        body();
        return null;
    });

    [LibraryImport("libc", SetLastError = true)]
    private static partial int unshare(int flags);
}
