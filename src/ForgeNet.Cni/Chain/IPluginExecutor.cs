namespace ForgeNet.Cni.Chain;

/// <summary>Runs a plugin binary; the seam between the chain logic and processes (tests may record instead).</summary>
public interface IPluginExecutor
{
    /// <summary>Runs the request to completion; throws <see cref="CniTimeoutException"/> when its deadline passes.</summary>
    Task<PluginOutput> ExecuteAsync(PluginRequest request, CancellationToken cancellationToken = default);
}
