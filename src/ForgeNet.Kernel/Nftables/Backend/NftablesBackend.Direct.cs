using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Kernel.Nftables;

/// <summary>The direct path: encode the transaction as one nf_tables batch, send it, map the kernel's errors to commands.</summary>
public sealed partial class NftablesBackend
{
    /// <summary>Applies through netlink; false (nothing sent) when the transaction needs libnftables.</summary>
    private bool TryApplyDirect(NftTransaction transaction)
    {
        lock (_direct)
        {
            var encoder = new NftDirectEncoder(_shapes!.Get, (t, set) => _netlink!.GetElements(t.Family, t.Name, set));
            NftBatch batch;
            try
            {
                batch = encoder.Encode(transaction);
            }
            catch (NftDirectUnsupportedException e)
            {
                Volatile.Write(ref _lastFallback, e.Message);
                return false;
            }
            catch (NetlinkException e)
            {
                // A set's type could not be read: let libnftables, which reads everything, deal with it.
                Volatile.Write(ref _lastFallback, e.Message);
                return false;
            }
            // Everything it asked for is there already (intervals a set holds): nothing to send, and nothing changed.
            if (batch.MessageCount == 0)
            {
                Interlocked.Increment(ref _directCount);
                return true;
            }
            var errors = _netlink!.Commit(batch);
            if (errors.Count > 0)
            {
                _shapes.Clear();
                throw Rejected(transaction, batch, errors);
            }
            _shapes.Committed(transaction, encoder.Declared);
            Interlocked.Increment(ref _directCount);
            return true;
        }
    }

    /// <summary>The first error, with the command it was for, in the words libnftables would use for a rejected batch.</summary>
    private static NftablesException Rejected(NftTransaction transaction, NftBatch batch, List<NftBatchError> errors)
    {
        var first = errors[0];
        var command = first.Message is { } m ? transaction.Commands[batch.CommandOf(m)].ToString() : "the batch";
        var text = $"Could not process {command}: {Errno.Describe(first.Errno)}"
            + (first.Text is { Length: > 0 } extack ? $": {extack}" : "")
            + (errors.Count > 1 ? $" (and {errors.Count - 1} more errors)" : "");
        return new NftablesException($"apply nftables transaction of {transaction.Commands.Count} commands", text, command);
    }
}
