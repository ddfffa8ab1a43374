using System.Runtime.InteropServices;

namespace ForgeNet.Daemon.Interop;

/// <summary>malloc_trim(3): glibc returns the free pages of every malloc arena to the kernel.</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    public static partial int MallocTrim(nuint pad);
}
