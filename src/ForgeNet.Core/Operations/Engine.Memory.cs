namespace ForgeNet.Core;

/// <summary>Memory a long-lived host of the engine (the daemon) may ask it to give back.</summary>
public sealed partial class Engine
{
    /// <summary>
    /// Frees what the engine caches and can read again: the state database's page cache, and the libnftables context
    /// with its copy of the ruleset and its output buffer (a listing of the tables at 1000 sandboxes is megabytes). For a
    /// host that is quiet after a burst of work.
    /// </summary>
    public void ReleaseMemory()
    {
        _store.ShrinkMemory();
        if (_firewall.Backend is Kernel.Nftables.NftablesBackend real)
            real.ReleaseContext();
    }
}
