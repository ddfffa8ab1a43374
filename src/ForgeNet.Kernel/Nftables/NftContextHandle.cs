using System.Runtime.InteropServices;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Owns a libnftables <c>struct nft_ctx*</c>; freeing it closes the context's netlink socket.</summary>
internal sealed class NftContextHandle : SafeHandle
{
    /// <summary>
    /// Serialises every libnftables call in the process: besides the per-context state, the library keeps some
    /// process-wide state (its one-time initialisation, xtables), so contexts in different threads are not independent.
    /// </summary>
    internal static readonly Lock Library = new();

    public NftContextHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    internal static NftContextHandle FromPointer(nint pointer)
    {
        var h = new NftContextHandle();
        h.SetHandle(pointer);
        return h;
    }

    protected override bool ReleaseHandle()
    {
        lock (Library)
            Interop.Nftables.nft_ctx_free(handle);
        return true;
    }
}
