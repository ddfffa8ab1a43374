using System.Net.Sockets;
using ForgeNet.Kernel.Interop;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Creates the NETLINK_NETFILTER socket subscribed to NFNLGRP_NFTABLES. The managed Socket cannot create an
/// AF_NETLINK socket, so libc creates and binds it and the Socket wraps the fd (see KERNEL-NOTES).
/// </summary>
internal static class NftMonitorSocket
{
    public static unsafe Socket Open()
    {
        var fd = Interop.Nftables.Monitor.Socket(
            Interop.Nftables.Monitor.AF_NETLINK,
            Interop.Nftables.Monitor.SOCK_RAW | Interop.Nftables.Monitor.SOCK_CLOEXEC,
            Interop.Nftables.Monitor.NETLINK_NETFILTER);
        if (fd < 0)
            throw new NftablesException("open nftables event socket", Errno.Describe(Errno.Last), "socket(AF_NETLINK, NETLINK_NETFILTER)");
        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; u32 nl_pid; u32 nl_groups; }: pid 0 lets the kernel pick.
            var address = stackalloc byte[12];
            new Span<byte>(address, 12).Clear();
            *(ushort*)address = Interop.Nftables.Monitor.AF_NETLINK;
            if (Interop.Nftables.Monitor.Bind(handle, address, 12) != 0)
                throw new NftablesException("bind nftables event socket", Errno.Describe(Errno.Last), "bind");
            var group = Interop.Nftables.Monitor.NFNLGRP_NFTABLES;
            if (Interop.Nftables.Monitor.SetSockOpt(handle, Interop.Nftables.Monitor.SOL_NETLINK, Interop.Nftables.Monitor.NETLINK_ADD_MEMBERSHIP, &group, sizeof(int)) != 0)
                throw new NftablesException("join NFNLGRP_NFTABLES", Errno.Describe(Errno.Last), "setsockopt(NETLINK_ADD_MEMBERSHIP)");
            return new Socket(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
