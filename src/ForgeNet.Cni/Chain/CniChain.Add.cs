using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

public sealed partial class CniChain
{
    /// <summary>
    /// ADD: every plugin in order, each given the previous result; the last result is cached and returned. If a plugin
    /// fails, the plugins that ran (the failing one included) get DEL in reverse and its error is thrown, carrying any
    /// failures of that undo in <see cref="CniPluginException.UndoErrors"/>.
    /// </summary>
    public async Task<JsonObject> AddAsync(CniAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        attachment.Validate();
        if (string.IsNullOrEmpty(attachment.NetNsPath))
            throw new ArgumentException("ADD needs the container's network namespace path", nameof(attachment));
        foreach (var plugin in Config.Plugins)
            Locator.Find(plugin.Type); // every plugin must exist before the first one touches anything
        JsonObject? result = null;
        for (var i = 0; i < Config.Plugins.Count; i++)
        {
            var plugin = Config.Plugins[i];
            try
            {
                var config = PluginConfigBuilder.Build(Config, plugin, result, attachment.CapabilityArgs);
                var stdout = await InvokeAsync(plugin, "ADD", attachment, config, cancellationToken).ConfigureAwait(false);
                result = ParseResult(plugin, "ADD", stdout);
            }
            catch (CniPluginException e)
            {
                // The original error is what the caller needs; a failed undo rides along on it.
                e.UndoErrors = await DelPluginsAsync(Config.Plugins.Take(i + 1).Reverse(), attachment, result, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        Cache?.Save(new CachedAttachment(Config.Name, attachment, Config.Text, result!));
        return result!;
    }
}
