using System.Runtime.InteropServices;
using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// One libnftables context: runs JSON batches and nft-syntax commands and returns nft's output.
/// The context opens its netlink socket when it is created, in the calling thread's network namespace,
/// and keeps managing that namespace's ruleset from any thread afterwards. To manage another namespace,
/// create it on a thread inside that namespace, e.g. <c>NftContext.CreateIn(f =&gt; NetNs.Run(ns, f))</c>.
/// The first creation in a process loads libnftables (a few ms); later ones take tens of microseconds, but a context
/// also caches the ruleset, so keep one per namespace. All libnftables calls in the process are serialised by one lock:
/// a context is not thread-safe, and the library has process-wide state.
/// </summary>
public sealed class NftContext : IDisposable
{
    private readonly NftContextHandle _handle;
    private readonly uint _jsonFlags;

    private NftContext(NftContextHandle handle)
    {
        _handle = handle;
        _jsonFlags = Interop.Nftables.nft_ctx_output_get_flags(handle) | Interop.Nftables.NFT_CTX_OUTPUT_JSON;
        Interop.Nftables.nft_ctx_output_set_flags(handle, _jsonFlags);
        if (Interop.Nftables.nft_ctx_buffer_output(handle) != 0 || Interop.Nftables.nft_ctx_buffer_error(handle) != 0)
            throw new NftablesException("create nftables context", "cannot buffer output", "nft_ctx_buffer_output");
    }

    /// <summary>Creates a context bound to the calling thread's network namespace.</summary>
    public static NftContext Create()
    {
        nint pointer;
        try
        {
            lock (NftContextHandle.Library)
                pointer = Interop.Nftables.nft_ctx_new(Interop.Nftables.NFT_CTX_DEFAULT);
        }
        catch (DllNotFoundException e)
        {
            throw new NftablesException("create nftables context", $"libnftables.so.1 not found: install libnftables1 ({e.Message})", "nft_ctx_new");
        }
        if (pointer == 0)
            throw new NftablesException("create nftables context", Interop.Errno.Describe(Interop.Errno.Last), "nft_ctx_new");
        var handle = NftContextHandle.FromPointer(pointer);
        try
        {
            lock (NftContextHandle.Library)
                return new NftContext(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a context through <paramref name="runInNamespace"/>, which must call its argument on a thread inside the
    /// target namespace and return the result (e.g. <c>f =&gt; NetNs.Run(ns, f)</c>).
    /// </summary>
    public static NftContext CreateIn(Func<Func<NftContext>, NftContext> runInNamespace)
    {
        ArgumentNullException.ThrowIfNull(runInNamespace);
        return runInNamespace(Create);
    }

    /// <summary>Runs a JSON document (<c>{"nftables": [...]}</c>) as one atomic batch; returns nft's JSON output (may be empty).</summary>
    public string RunJson(string json) => Run(json, _jsonFlags, "run nftables JSON batch");

    /// <summary>Runs a JSON document given as UTF-8 (without a terminating NUL); returns nft's JSON output.</summary>
    public string RunJson(ReadOnlySpan<byte> utf8Json) => Run(utf8Json, _jsonFlags, "run nftables JSON batch");

    /// <summary>Runs commands in nft syntax (as <c>nft -f</c> would, atomically); returns nft's text output.</summary>
    public string RunText(string commands) => Run(commands, _jsonFlags & ~Interop.Nftables.NFT_CTX_OUTPUT_JSON, "run nft command");

    public void Dispose() => _handle.Dispose();

    private string Run(string command, uint flags, string context)
    {
        var bytes = Encoding.UTF8.GetBytes(command);
        return Run(bytes, flags, context);
    }

    private string Run(ReadOnlySpan<byte> command, uint flags, string context)
    {
        // libnftables wants a C string: copy once and terminate.
        var buffer = new byte[command.Length + 1];
        command.CopyTo(buffer);
        lock (NftContextHandle.Library)
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            Interop.Nftables.nft_ctx_output_set_flags(_handle, flags);
            var rc = Interop.Nftables.nft_run_cmd_from_buffer(_handle, buffer);
            // Reading both buffers also rewinds them, so the next run starts clean.
            var output = ReadBuffer(Interop.Nftables.nft_ctx_get_output_buffer(_handle));
            var error = ReadBuffer(Interop.Nftables.nft_ctx_get_error_buffer(_handle));
            if (rc != 0)
                throw new NftablesException(context, error.Trim(), Encoding.UTF8.GetString(command));
            return output;
        }
    }

    private static string ReadBuffer(nint pointer) => pointer == 0 ? "" : Marshal.PtrToStringUTF8(pointer) ?? "";
}
