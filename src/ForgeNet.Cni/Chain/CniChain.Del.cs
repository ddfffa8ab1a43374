using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

public sealed partial class CniChain
{
    /// <summary>
    /// DEL: every plugin in reverse order with the cached ADD result as prevResult (from 0.4.0 on), continuing past
    /// failures; the cache entry goes only when all succeeded. Throws <see cref="CniChainException"/> listing every failure.
    /// </summary>
    public async Task DelAsync(CniAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        attachment.Validate();
        var cached = Cache?.TryLoad(Config.Name, attachment.ContainerId, attachment.IfName);
        var errors = await DelPluginsAsync(Config.Plugins.Reverse(), attachment, cached?.Result, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
            throw new CniChainException("DEL", Config.Name, errors);
        Cache?.Delete(Config.Name, attachment.ContainerId, attachment.IfName);
    }

    private async Task<List<Exception>> DelPluginsAsync(IEnumerable<CniPluginConf> plugins, CniAttachment attachment,
        JsonObject? prevResult, CancellationToken cancellationToken)
    {
        var previous = CniVersions.HasCheck(Config.CniVersion) ? prevResult : null;
        var errors = new List<Exception>();
        foreach (var plugin in plugins)
        {
            try
            {
                var config = PluginConfigBuilder.Build(Config, plugin, previous, attachment.CapabilityArgs);
                await InvokeAsync(plugin, "DEL", attachment, config, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CniPluginException or CniConfigException)
            {
                errors.Add(e);
            }
        }
        return errors;
    }
}
