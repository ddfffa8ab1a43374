using System.Net.Sockets;
using System.Runtime.InteropServices;
using ForgeNet.Daemon.Api;
using Grpc.Net.Client;

namespace ForgeNet.Daemon.Tests.Support;

/// <summary>
/// A channel whose connections are made by a thread running as another user: the kernel records that thread's
/// effective uid and gid as the connection's SO_PEERCRED. Linux credentials are per thread, and raw syscalls (not
/// glibc's setresuid, which changes every thread) change only the connecting thread, which changes back afterwards.
/// The filesystem uid stays 0 so that the socket file's mode does not decide first: the daemon must.
/// </summary>
internal static class ForeignCaller
{
    private const long SysSetresuid = 117;
    private const long SysSetresgid = 119;
    private const long SysSetfsuid = 122;
    private const long SysSetfsgid = 123;

    public static GrpcChannel Channel(string socket, uint uid, uint gid) =>
        UnixChannel.Create(socket, (s, path, _) =>
        {
            Exception? error = null;
            var thread = new Thread(() => error = ConnectAs(s, path, uid, gid));
            thread.Start();
            thread.Join();
            return error is null ? ValueTask.CompletedTask : ValueTask.FromException(error);
        });

    private static Exception? ConnectAs(Socket socket, string path, uint uid, uint gid)
    {
        Check(syscall(SysSetresgid, gid, gid, 0), "setresgid");
        Check(syscall(SysSetresuid, uid, uid, 0), "setresuid");
        try
        {
            // Allowed without capabilities because the saved uid/gid is still 0.
            syscall(SysSetfsuid, 0, 0, 0);
            syscall(SysSetfsgid, 0, 0, 0);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            Check(syscall(SysSetresuid, 0, 0, 0), "restore uid");
            Check(syscall(SysSetresgid, 0, 0, 0), "restore gid");
        }
    }

    private static void Check(long result, string what)
    {
        if (result != 0)
            throw new InvalidOperationException($"{what}: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, long a, long b, long c);
}
