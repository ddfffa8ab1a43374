namespace ForgeNet.Core;

/// <summary>Memory a long-lived host of the engine (the daemon) may ask it to give back.</summary>
public sealed partial class Engine
{
    /// <summary>Frees what the engine caches and can read again (the state database's page cache): for a host that is quiet after a burst of work.</summary>
    public void ReleaseMemory() => _store.ShrinkMemory();
}
