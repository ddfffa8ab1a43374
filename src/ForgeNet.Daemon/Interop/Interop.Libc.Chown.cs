using System.Runtime.InteropServices;

namespace ForgeNet.Daemon.Interop;

/// <summary>chown(2), for the API socket's group (.NET has no managed chown).</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, uint owner, uint group);
}
