using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Bench.Nft;

/// <summary>
/// How a path applies the engine's batches: as typed transactions through an <see cref="NftablesBackend"/>, either
/// libnftables only (what the engine did before) or with the direct netlink path. Parsing the captured JSON into a
/// transaction happens before the clock starts, as the engine builds its transactions in memory.
/// </summary>
internal sealed class BatchApplier(string path, NftablesBackend backend) : IDisposable
{
    public string Path { get; } = path;

    public static BatchApplier Open(string path, NetNs ns) => new(path, NftablesBackend.OpenIn(ns.Run,
        new NftablesBackendOptions { DirectNetlink = path == "direct" }));

    public static NftTransaction Parse(string json) => NftTransaction.FromJson(json);

    public void Apply(NftTransaction transaction) => backend.Apply(transaction);

    /// <summary>Throws when a transaction meant for the direct path went through libnftables (the figures would lie).</summary>
    public void CheckPath(long expectedDirect)
    {
        var counts = backend.Counts;
        if (Path == "direct" && counts.Direct != expectedDirect)
            throw new InvalidOperationException($"the direct path fell back to libnftables: {counts.LastFallbackReason}");
    }

    public NftApplyCounts Counts => backend.Counts;

    /// <summary>Reads both of the engine's tables back, as <c>FirewallManager.FindDamage</c> does.</summary>
    public void ListBoth()
    {
        backend.ListTable(NftFamily.Bridge, "forgenet");
        backend.ListTable(NftFamily.Inet, "forgenet");
    }

    public void Dispose() => backend.Dispose();
}
