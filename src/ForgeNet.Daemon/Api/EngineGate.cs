using ForgeNet.Core;

namespace ForgeNet.Daemon.Api;

/// <summary>
/// The daemon's one engine. Changes run one at a time (the engine is synchronous and SQLite serialises writers across
/// processes anyway; queuing them here keeps one caller's retries from racing its own first attempt). Queries run at once.
/// </summary>
public sealed class EngineGate(Engine engine) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>The engine, for queries (thread-safe).</summary>
    public Engine Engine { get; } = engine;

    /// <summary>Runs a change after the ones queued before it.</summary>
    public async Task<T> ChangeAsync<T>(Func<Engine, T> change, CancellationToken cancel)
    {
        await _writer.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            return change(Engine);
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        Engine.Dispose();
    }
}
