namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// The seam between firewall logic and nftables: apply atomic transactions, read tables back.
/// <see cref="NftablesBackend"/> talks to the kernel; <see cref="RecordingNftBackend"/> records for unit tests.
/// </summary>
public interface INftablesBackend
{
    /// <summary>Applies every command of <paramref name="transaction"/> atomically; on error none of them.</summary>
    /// <exception cref="NftablesException">nft rejected the batch; the ruleset is unchanged.</exception>
    void Apply(NftTransaction transaction);

    /// <summary>The table with its chains, sets, elements, rules and counters; null when it does not exist.</summary>
    NftTableState? ListTable(NftFamily family, string name);

    bool TableExists(NftFamily family, string name);

    /// <summary>Every table in the namespace (names only).</summary>
    IReadOnlyList<NftTable> ListTables();
}
