namespace ForgeNet.Kernel.Nftables;

/// <summary>How an <see cref="NftablesBackend"/> applies transactions.</summary>
public sealed record NftablesBackendOptions
{
    /// <summary>
    /// Write transactions straight to nf_tables over netlink when the direct path can express every command (the
    /// default), instead of through libnftables, which first reads the namespace's whole ruleset (every table, chain and
    /// set) and so gets slower with every chain and set there. Transactions it cannot express still go through
    /// libnftables; reads always do.
    /// </summary>
    public bool DirectNetlink { get; init; } = true;
}
