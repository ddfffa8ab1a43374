using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// A fake backend for unit tests of the layers above: it keeps the ruleset in memory (with nft's main rules:
/// a missing table, chain, set, element or rule handle is ENOENT; a failing transaction changes nothing),
/// records every applied transaction, and renders them as a stable nft-syntax golden dump.
/// Counters always read zero: only the kernel counts packets.
/// </summary>
public sealed class RecordingNftBackend : INftablesBackend
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<NftCommand>> _applied = [];
    private NftMemoryRuleset _ruleset = new();
    private string? _failNext;

    /// <summary>The commands of each transaction applied so far, in order.</summary>
    public IReadOnlyList<IReadOnlyList<NftCommand>> Transactions
    {
        get
        {
            lock (_lock)
                return [.. _applied];
        }
    }

    /// <summary>Makes the next <see cref="Apply"/> fail as nft would, with <paramref name="nftError"/>, changing nothing.</summary>
    public void FailNextApply(string nftError = "Error: Could not process rule: Operation not permitted")
    {
        lock (_lock)
            _failNext = nftError;
    }

    public void Apply(NftTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.IsEmpty)
            return;
        // Serialising validates the model exactly as the real backend does.
        _ = NftJsonWriter.WriteUtf8(transaction);
        lock (_lock)
        {
            if (_failNext is { } error)
            {
                _failNext = null;
                throw new NftablesException($"apply nftables transaction of {transaction.Commands.Count} commands", error, transaction.ToString());
            }
            var next = _ruleset.Clone();
            foreach (var command in transaction.Commands)
                next.Apply(command);
            _ruleset = next;
            _applied.Add([.. transaction.Commands]);
        }
    }

    public NftTableState? ListTable(NftFamily family, string name)
    {
        lock (_lock)
            return _ruleset.State(new NftTable(family, name));
    }

    public bool TableExists(NftFamily family, string name) => ListTable(family, name) is not null;

    public IReadOnlyList<NftTable> ListTables()
    {
        lock (_lock)
            return _ruleset.Tables();
    }

    /// <summary>Every applied transaction in nft syntax, numbered: compare it with a golden file.</summary>
    public string GoldenDump()
    {
        var sb = new StringBuilder();
        var transactions = Transactions;
        for (var i = 0; i < transactions.Count; i++)
        {
            if (i > 0)
                sb.Append('\n');
            sb.Append("# transaction ").Append(i + 1).Append('\n');
            foreach (var command in transactions[i])
                sb.Append(command).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Forgets the recorded transactions (the in-memory ruleset stays).</summary>
    public void ClearRecording()
    {
        lock (_lock)
            _applied.Clear();
    }
}
