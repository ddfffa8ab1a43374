using System.Runtime.InteropServices;

namespace ForgeNet.Kernel.Interop;

/// <summary>socket(2), bind(2), getsockname(2), send(2) and recv(2) for AF_NETLINK, which the managed Socket cannot create.</summary>
internal static partial class Libc
{
    public const int AF_NETLINK = 16;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int NETLINK_ROUTE = 0;

    public const int SOL_SOCKET = 1;
    public const int SO_RCVBUF = 8;
    public const int SO_RCVBUFFORCE = 33;
    public const int SOL_NETLINK = 270;
    public const int NETLINK_CAP_ACK = 10;
    public const int NETLINK_EXT_ACK = 11;

    public const int MSG_TRUNC = 0x20;

    /// <summary>struct sockaddr_nl: family, padding, port id, multicast groups.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrNetlink
    {
        public ushort Family;
        public ushort Pad;
        public uint PortId;
        public uint Groups;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int bind(SafeHandle fd, SockAddrNetlink* address, uint addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int getsockname(SafeHandle fd, SockAddrNetlink* address, uint* addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint send(SafeHandle fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint recv(SafeHandle fd, byte* buffer, nuint length, int flags);
}
