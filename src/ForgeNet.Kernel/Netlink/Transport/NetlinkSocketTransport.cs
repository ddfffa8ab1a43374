using System.Net.Sockets;
using ForgeNet.Kernel.Interop;

namespace ForgeNet.Kernel.Netlink.Transport;

/// <summary>
/// An AF_NETLINK socket. The managed Socket cannot create one, so the fd comes from libc socket() and is owned by a
/// SafeSocketHandle inside a Socket (for options and lifetime); I/O goes through send/recv for exact errno and MSG_TRUNC.
/// The socket is bound to the network namespace of the thread that opened it, for its whole life.
/// </summary>
internal sealed class NetlinkSocketTransport : INetlinkTransport
{
    private const int ReceiveBufferBytes = 1 << 20;
    private const int ReceiveTimeoutMilliseconds = 30_000;

    private readonly Socket _socket;

    private NetlinkSocketTransport(Socket socket, uint portId)
    {
        _socket = socket;
        PortId = portId;
    }

    public uint PortId { get; }

    /// <summary>Opens and binds a socket of <paramref name="protocol"/> with extended and capped acks on.</summary>
    public static unsafe NetlinkSocketTransport Open(int protocol = Libc.NETLINK_ROUTE)
    {
        var fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0) throw new NetlinkException("socket(AF_NETLINK)", Errno.Last);
        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            var address = new Libc.SockAddrNetlink { Family = Libc.AF_NETLINK };
            if (Libc.bind(handle, &address, (uint)sizeof(Libc.SockAddrNetlink)) != 0)
                throw new NetlinkException("bind(AF_NETLINK)", Errno.Last);
            var length = (uint)sizeof(Libc.SockAddrNetlink);
            if (Libc.getsockname(handle, &address, &length) != 0)
                throw new NetlinkException("getsockname(AF_NETLINK)", Errno.Last);
            var socket = new Socket(handle);
            Configure(socket);
            return new NetlinkSocketTransport(socket, address.PortId);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void Configure(Socket socket)
    {
        Span<byte> one = [1, 0, 0, 0];
        socket.SetRawSocketOption(Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, one);
        socket.SetRawSocketOption(Libc.SOL_NETLINK, Libc.NETLINK_CAP_ACK, one);
        try
        {
            // SO_RCVBUFFORCE passes net.core.rmem_max (often 208 KiB) with CAP_NET_ADMIN; large dumps need the room.
            Span<byte> size = BitConverter.GetBytes(ReceiveBufferBytes);
            socket.SetRawSocketOption(Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, size);
        }
        catch (SocketException)
        {
            socket.ReceiveBufferSize = ReceiveBufferBytes;
        }
        socket.ReceiveTimeout = ReceiveTimeoutMilliseconds;
    }

    public unsafe int Send(ReadOnlySpan<byte> datagram)
    {
        fixed (byte* data = datagram)
        {
            while (true)
            {
                var sent = Libc.send(_socket.SafeHandle, data, (nuint)datagram.Length, 0);
                if (sent >= 0) return 0;
                var errno = Errno.Last;
                if (errno != Errno.EINTR) return -errno;
            }
        }
    }

    public unsafe int Receive(Span<byte> buffer)
    {
        fixed (byte* data = buffer)
        {
            var received = Libc.recv(_socket.SafeHandle, data, (nuint)buffer.Length, Libc.MSG_TRUNC);
            return received >= 0 ? (int)received : -Errno.Last;
        }
    }

    public void Dispose() => _socket.Dispose();
}
