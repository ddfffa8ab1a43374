using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ForgeNet.Bench.Interop;

/// <summary>setns(2): moves the calling OS thread into the namespace behind an open nsfs file.</summary>
internal static partial class Libc
{
    public const int CLONE_NEWNET = 0x40000000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(SafeFileHandle fd, int nstype);
}
