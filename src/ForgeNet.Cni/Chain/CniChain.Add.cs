using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

public sealed partial class CniChain
{
    /// <summary>
    /// ADD: every plugin in order, each given the previous result; the last result is cached and returned. If a plugin
    /// fails, the plugins that ran (the failing one included) get DEL in reverse and the original error is thrown.
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
            catch (Exception e) when (e is CniPluginException or CniConfigException)
            {
                var undo = await DelPluginsAsync(Config.Plugins.Take(i + 1).Reverse(), attachment, result, CancellationToken.None).ConfigureAwait(false);
                if (undo.Count == 0)
                    throw;
                throw new CniChainException("ADD", Config.Name, [e, .. undo]);
            }
        }
        Cache?.Save(new CachedAttachment(Config.Name, attachment, Config.Text, result!));
        return result!;
    }
}
