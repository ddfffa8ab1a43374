using System.Runtime.InteropServices;

namespace ForgeNet.Cli.Interop;

/// <summary>execv(2): <c>forge daemon --foreground</c> becomes forgenetd (same PID, so systemd and signals see the daemon).</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Execv(string path, [In] string?[] argv);
}
