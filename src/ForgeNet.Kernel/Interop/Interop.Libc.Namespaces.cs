using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ForgeNet.Kernel.Interop;

/// <summary>unshare(2), setns(2) and the nsfs ioctls.</summary>
internal static partial class Libc
{
    public const int CLONE_NEWNS = 0x00020000;
    public const int CLONE_NEWNET = 0x40000000;

    /// <summary>_IO(0xb7, 0x3): returns the CLONE_NEW* type of the namespace behind an nsfs fd.</summary>
    public const nuint NS_GET_NSTYPE = 0xb703;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int unshare(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(SafeHandle fd, int nstype);

    // ioctl is variadic in C; a fixed third argument is how glibc's own callers pass "no argument".
    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(SafeHandle fd, nuint request, nint argument);
}
