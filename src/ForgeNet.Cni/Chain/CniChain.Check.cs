using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

public sealed partial class CniChain
{
    /// <summary>
    /// CHECK: every plugin in order with the cached ADD result as prevResult; stops at the first failure and throws it.
    /// A no-op when the list sets <c>disableCheck</c>. Needs cniVersion 0.4.0 or later and a cached ADD result.
    /// </summary>
    public async Task CheckAsync(CniAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        attachment.Validate();
        if (Config.DisableCheck)
            return;
        if (!CniVersions.HasCheck(Config.CniVersion))
            throw new CniConfigException($"CHECK needs cniVersion 0.4.0 or later; network {Config.Name} uses {Config.CniVersion}");
        var cached = Cache?.TryLoad(Config.Name, attachment.ContainerId, attachment.IfName)
            ?? throw new CniConfigException($"CHECK: no cached ADD result for {attachment.ContainerId}/{attachment.IfName} on network {Config.Name}");
        foreach (var plugin in Config.Plugins)
        {
            var config = PluginConfigBuilder.Build(Config, plugin, cached.Result, attachment.CapabilityArgs);
            await InvokeAsync(plugin, "CHECK", attachment, config, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// GC (cniVersion 1.1.0 on, unless <c>disableGC</c>): every plugin gets the attachments still valid in
    /// <c>cni.dev/valid-attachments</c> — the given ones, or else every attachment in this network's cache. Continues past failures.
    /// </summary>
    public async Task GcAsync(IEnumerable<CniAttachment>? validAttachments = null, CancellationToken cancellationToken = default)
    {
        if (Config.DisableGc || !CniVersions.HasGcAndStatus(Config.CniVersion))
            return;
        var valid = validAttachments?.ToList()
            ?? Cache?.List(Config.Name).Select(e => e.Attachment).ToList()
            ?? [];
        var list = new JsonArray(valid.Select(a => (JsonNode)new JsonObject { ["containerID"] = a.ContainerId, ["ifname"] = a.IfName }).ToArray());
        var errors = new List<Exception>();
        foreach (var plugin in Config.Plugins)
        {
            try
            {
                var config = PluginConfigBuilder.Build(Config, plugin, prevResult: null, capabilityArgs: null);
                config[PluginConfigBuilder.ValidAttachmentsKey] = list.DeepClone();
                await InvokeAsync(plugin, "GC", attachment: null, config, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CniPluginException or CniConfigException)
            {
                errors.Add(e);
            }
        }
        if (errors.Count > 0)
            throw new CniChainException("GC", Config.Name, errors);
    }

    /// <summary>STATUS (cniVersion 1.1.0 on): every plugin in order; the first that is not ready throws its error.</summary>
    public async Task StatusAsync(CancellationToken cancellationToken = default)
    {
        if (!CniVersions.HasGcAndStatus(Config.CniVersion))
            return;
        foreach (var plugin in Config.Plugins)
        {
            var config = PluginConfigBuilder.Build(Config, plugin, prevResult: null, capabilityArgs: null);
            await InvokeAsync(plugin, "STATUS", attachment: null, config, cancellationToken).ConfigureAwait(false);
        }
    }
}
