using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

/// <summary>
/// Runs a configuration list of executable plugins as the CNI spec prescribes for runtimes: ADD in order, each plugin
/// getting the previous one's result as <c>prevResult</c>; DEL in reverse, past errors; CHECK, GC and STATUS in order.
/// Results are cached (libcni's layout) so DEL and CHECK get the ADD's result even from another process.
/// </summary>
public sealed partial class CniChain
{
    private readonly IPluginExecutor _executor;

    public CniChain(CniConfigList config, CniChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        Config = config;
        Options = options;
        Locator = new PluginLocator(options.PluginDirectories);
        Cache = options.CacheDirectory is { } dir ? new ResultCache(dir) : null;
        _executor = options.Executor ?? new ProcessPluginExecutor(options.HostNamespace);
    }

    /// <summary>The list this chain runs.</summary>
    public CniConfigList Config { get; }

    /// <summary>The options it was made with.</summary>
    public CniChainOptions Options { get; }

    /// <summary>How plugin types become executables.</summary>
    public PluginLocator Locator { get; }

    /// <summary>The result cache, when a cache directory was given.</summary>
    public ResultCache? Cache { get; }

    /// <summary>Runs one plugin with <paramref name="config"/> on stdin; returns its stdout, or throws what it reported.</summary>
    private async Task<string> InvokeAsync(CniPluginConf plugin, string command, CniAttachment? attachment,
        JsonObject config, CancellationToken cancellationToken)
    {
        var path = Locator.Find(plugin.Type);
        var request = new PluginRequest(plugin.Type, path, Environment(command, attachment),
            Encoding.UTF8.GetBytes(config.ToJsonString()), Options.PluginDeadline);
        var output = await _executor.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        if (output.ExitCode == 0)
            return output.Stdout;
        var stderr = output.Stderr.Trim();
        if (CniError.TryParse(output.Stdout, out var error))
            throw new CniPluginException(plugin.Type, command, $"{command} {plugin.Type}: {error}", error, output.ExitCode, stderr);
        var detail = stderr.Length > 0 ? stderr : output.Stdout.Trim();
        throw new CniPluginException(plugin.Type, command,
            $"{command} {plugin.Type}: exit code {output.ExitCode}{(detail.Length > 0 ? $": {detail}" : "")}",
            exitCode: output.ExitCode, stderr: stderr);
    }

    private Dictionary<string, string> Environment(string command, CniAttachment? attachment)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CNI_COMMAND"] = command,
            ["CNI_PATH"] = Locator.CniPath,
        };
        if (attachment is null)
            return env;
        env["CNI_CONTAINERID"] = attachment.ContainerId;
        env["CNI_NETNS"] = attachment.NetNsPath ?? "";
        env["CNI_IFNAME"] = attachment.IfName;
        env["CNI_ARGS"] = attachment.ArgsText;
        return env;
    }

    private static JsonObject ParseResult(CniPluginConf plugin, string command, string stdout)
    {
        try
        {
            if (JsonNode.Parse(stdout) is JsonObject result)
                return result;
        }
        catch (JsonException e)
        {
            throw new CniPluginException(plugin.Type, command, $"{command} {plugin.Type}: result is not JSON: {e.Message}", inner: e);
        }
        throw new CniPluginException(plugin.Type, command, $"{command} {plugin.Type}: result is not a JSON object: '{Shorten(stdout)}'");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200] + "…";
}
