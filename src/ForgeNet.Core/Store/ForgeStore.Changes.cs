namespace ForgeNet.Core.Store;

internal sealed partial class ForgeStore
{
    private long _localCommits;

    /// <summary>
    /// A value that differs from an earlier one whenever anything was committed in between, by this connection or any
    /// other process's: SQLite's <c>data_version</c> (which only other connections' commits change) and this connection's
    /// own commit count. One small statement; caches of the store's contents compare it before each use.
    /// </summary>
    public (long DataVersion, long LocalCommits) ChangeStamp()
    {
        lock (_gate) return ((long)Scalar("PRAGMA data_version")!, _localCommits);
    }

    /// <summary>
    /// <see cref="ChangeStamp"/>, or null at once when another thread of this process holds the store (a write of
    /// this connection in progress has committed nothing yet, so a copy read before it is still current).
    /// </summary>
    public (long DataVersion, long LocalCommits)? TryChangeStamp()
    {
        if (!_gate.TryEnter()) return null;
        try
        {
            return ((long)Scalar("PRAGMA data_version")!, _localCommits);
        }
        finally
        {
            _gate.Exit();
        }
    }
}
