namespace ForgeNet.Core;

public sealed partial class Engine
{
    /// <summary>
    /// A value that changes whenever this or any other process commits to the store (one small statement): readers that
    /// keep a copy of the store's contents, like the DNS server's zones, compare it before each use.
    /// </summary>
    public (long DataVersion, long LocalCommits) StoreStamp() => _store.ChangeStamp();
}
