using ForgeNet.Cni.Spec;

namespace ForgeNet.Cni.Plugin;

/// <summary>
/// An exclusive lock (flock on a file in the state directory) around making a network on first ADD. Runtimes
/// start ADDs for different containers in parallel; without it two could both find the network missing, and the
/// loser's bridge self-heal would race the winner's bridge creation.
/// </summary>
internal sealed class CreationLock : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FileStream _file;

    private CreationLock(FileStream file) => _file = file;

    /// <summary>Waits (bounded) for the lock; error 11 (try again later) when it stays taken.</summary>
    public static CreationLock Take(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, "cni-network.lock");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an flock(LOCK_EX) on Unix: held until the stream closes, released if the process dies.
                return new CreationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < Patience)
            {
                Thread.Sleep(5);
            }
            catch (IOException e)
            {
                throw new CniException(CniErrorCode.TryAgainLater, $"another forge-cni is creating a network in {stateDirectory}", e.Message);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
