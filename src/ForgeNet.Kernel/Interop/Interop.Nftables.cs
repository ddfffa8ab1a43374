using System.Runtime.InteropServices;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Interop;

/// <summary>
/// libnftables (libnftables1, <c>libnftables.so.1</c>) and the few libc calls the nftables monitor needs.
/// The get-buffer functions return <see cref="nint"/>: the context owns that memory, a string marshaller would free it.
/// </summary>
internal static partial class Nftables
{
    private const string Lib = "libnftables.so.1";

    /// <summary>NFT_CTX_DEFAULT: the context opens its netlink socket at creation, in the calling thread's namespace.</summary>
    internal const uint NFT_CTX_DEFAULT = 0;

    // enum nft_ctx_output_flags (nftables/libnftables.h)
    internal const uint NFT_CTX_OUTPUT_HANDLE = 1u << 3;
    internal const uint NFT_CTX_OUTPUT_JSON = 1u << 4;

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint nft_ctx_new(uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial void nft_ctx_free(nint ctx);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial uint nft_ctx_output_get_flags(NftContextHandle ctx);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial void nft_ctx_output_set_flags(NftContextHandle ctx, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int nft_ctx_buffer_output(NftContextHandle ctx);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int nft_ctx_buffer_error(NftContextHandle ctx);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint nft_ctx_get_output_buffer(NftContextHandle ctx);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint nft_ctx_get_error_buffer(NftContextHandle ctx);

    /// <summary>Runs a NUL-terminated command buffer (JSON when the JSON output flag is set, else nft syntax).</summary>
    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int nft_run_cmd_from_buffer(NftContextHandle ctx, ReadOnlySpan<byte> buffer);

    /// <summary>libc pieces for the NETLINK_NETFILTER event socket of <see cref="ForgeNet.Kernel.Nftables.NftablesMonitor"/>.</summary>
    internal static partial class Monitor
    {
        internal const int AF_NETLINK = 16;
        internal const int SOCK_RAW = 3;
        internal const int SOCK_CLOEXEC = 0x80000;
        internal const int NETLINK_NETFILTER = 12;
        internal const int SOL_NETLINK = 270;
        internal const int NETLINK_ADD_MEMBERSHIP = 1;
        internal const int NFNLGRP_NFTABLES = 7;

        [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
        internal static partial int Socket(int domain, int type, int protocol);

        [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
        internal static unsafe partial int Bind(SafeHandle fd, byte* address, int length);

        [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
        internal static unsafe partial int SetSockOpt(SafeHandle fd, int level, int name, void* value, int length);
    }
}
