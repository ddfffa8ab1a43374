using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ForgeNet.Kernel.Interop;

/// <summary>The file calls the namespace code needs with exact flags: open(2), read/write(2), unlink(2), statx(2).</summary>
internal static partial class Libc
{
    public const int O_RDONLY = 0x0;
    public const int O_WRONLY = 0x1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_CLOEXEC = 0x80000;

    public const int AT_FDCWD = -100;
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint STATX_INO = 0x100;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenRaw(string path, int flags, uint mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int unlink(string path);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint read(SafeHandle fd, byte* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint write(SafeHandle fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxPath(int directoryFd, string path, int flags, uint mask, out StatX result);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxFd(SafeHandle fd, string path, int flags, uint mask, out StatX result);

    /// <summary>open(2) into an owning handle; an invalid handle (check IsInvalid, then Errno.Last) on failure.</summary>
    public static SafeFileHandle Open(string path, int flags, uint mode = 0)
    {
        var fd = OpenRaw(path, flags | O_CLOEXEC, mode);
        return new SafeFileHandle(fd, ownsHandle: fd >= 0);
    }

    /// <summary>stat(2) of a path, following symlinks (so /proc/PID/ns/net gives the nsfs inode).</summary>
    public static int Stat(string path, out StatX result) => StatxPath(AT_FDCWD, path, 0, STATX_INO, out result);

    /// <summary>fstat(2) through statx(AT_EMPTY_PATH), which has one layout on every architecture.</summary>
    public static int FStat(SafeHandle fd, out StatX result) => StatxFd(fd, "", AT_EMPTY_PATH, STATX_INO, out result);

    /// <summary>The leading part of struct statx (linux/stat.h); the kernel writes 256 bytes, so the size is fixed.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatX
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;

        /// <summary>st_dev as glibc's makedev() builds it, so the value matches what stat(1) prints.</summary>
        public readonly ulong Device =>
            ((ulong)(DeviceMajor & 0xfffff000) << 32) | ((ulong)(DeviceMajor & 0xfff) << 8)
            | ((ulong)(DeviceMinor & 0xffffff00) << 12) | (DeviceMinor & 0xff);
    }
}
