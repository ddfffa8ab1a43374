using System.Text.Json;
using System.Text.Json.Nodes;
using ForgeNet.Cni.Chain;
using ForgeNet.Core;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Cli.Commands;

/// <summary>
/// <c>forge sandbox create --cni CONFLIST</c>: the engine makes the sandbox's namespace, then a chain of executable CNI
/// plugins attaches it. The attachment is recorded in the state directory (<c>cni/sandboxes/NAME</c>, beside the result
/// cache in <c>cni/results</c>), so <c>forge sandbox rm</c> runs DEL in reverse without the conflist file.
/// </summary>
internal static class CniAttachments
{
    private const string DefaultPluginPath = "/opt/cni/bin:/usr/lib/cni";
    private const string IfName = "eth0";

    /// <summary>Creates the sandbox and runs the chain's ADD into its namespace; on failure the sandbox goes again.</summary>
    public static (SandboxInfo Sandbox, JsonObject Result) Create(CliContext ctx, SandboxSpec spec, string conflist, string? pluginPath)
    {
        if (spec.Networks.Count > 0)
            throw new UsageException("--cni and --network exclude each other: the CNI plugins make the sandbox's interface");
        // The plugins would otherwise add their interfaces to the host's own namespace.
        if (spec.Isolation == IsolationMode.Host || spec.Policy?.Mode == Core.Policy.PolicyMode.Host)
            throw new UsageException("--cni and mode host exclude each other: a host-mode sandbox has no namespace of its own to attach");
        var options = EngineOptions.FromEnvironment();
        var dirs = CniChainOptions.SplitPath(pluginPath ?? Environment.GetEnvironmentVariable("CNI_PATH") ?? DefaultPluginPath);
        using var host = OpenHost(options);
        var chain = Wrap(spec.Name, () => Chain(CniConfigList.Load(conflist), dirs, options, host));
        foreach (var plugin in chain.Config.Plugins)
            Wrap(spec.Name, () => chain.Locator.Find(plugin.Type));
        var sandbox = ctx.Engine.CreateSandbox(spec);
        try
        {
            var attachment = new CniAttachment(sandbox.Id, sandbox.NamespacePath, IfName);
            var result = Wrap(spec.Name, () => chain.AddAsync(attachment).GetAwaiter().GetResult());
            WriteRecord(options, sandbox.Name, new Record(chain.Config.Name, sandbox.Id, IfName, dirs));
            return (sandbox, result);
        }
        catch
        {
            ctx.Engine.RemoveSandbox(sandbox.Name, force: true);
            throw;
        }
    }

    /// <summary>Runs DEL for a CNI-attached sandbox (if it is one), then removes it; with force, a failed DEL does not stop removal.</summary>
    public static void Remove(CliContext ctx, string name, bool force)
    {
        var options = EngineOptions.FromEnvironment();
        var path = RecordPath(options, name);
        if (ReadRecord(path) is { } record)
        {
            try
            {
                Wrap(name, () => Del(record, options));
            }
            catch (ForgeException) when (force)
            {
                // --force: the sandbox goes even when a plugin cannot clean up.
            }
            File.Delete(path);
        }
        ctx.Api.RemoveSandbox(name, force);
    }

    private static void Del(Record record, EngineOptions options)
    {
        var cache = new ResultCache(CacheDirectory(options));
        if (cache.TryLoad(record.Network, record.ContainerId, record.IfName) is not { } entry)
            return; // no result of a successful ADD: nothing was attached
        using var host = OpenHost(options);
        var chain = Chain(entry.Config(), record.PluginDirectories, options, host);
        chain.DelAsync(entry.Attachment).GetAwaiter().GetResult();
    }

    private static CniChain Chain(CniConfigList list, IReadOnlyList<string> dirs, EngineOptions options, NetNs? host) => new(list, new CniChainOptions
    {
        PluginDirectories = dirs,
        CacheDirectory = CacheDirectory(options),
        HostNamespace = host,
    });

    // Plugins do their host-side work in ForgeNet's host namespace, like the engine's own bridges.
    private static NetNs? OpenHost(EngineOptions options) => options.HostNamespacePath is { } path ? NetNs.Open(path) : null;

    private static T Wrap<T>(string sandbox, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (CniConfigException e)
        {
            throw new ForgeException(ErrorKind.InvalidArgument, $"sandbox {sandbox}: CNI: {e.Message}", e);
        }
        catch (Exception e) when (e is CniPluginException or CniChainException)
        {
            throw new ForgeException(ErrorKind.Kernel, $"sandbox {sandbox}: CNI: {e.Message}", e);
        }
    }

    private static void Wrap(string sandbox, Action action) => Wrap<object?>(sandbox, () =>
    {
        action();
        return null;
    });

    private sealed record Record(string Network, string ContainerId, string IfName, IReadOnlyList<string> PluginDirectories);

    private static string CacheDirectory(EngineOptions options) => Path.Join(options.StateDirectory, "cni");

    private static string RecordPath(EngineOptions options, string sandbox) => Path.Join(CacheDirectory(options), "sandboxes", sandbox);

    private static void WriteRecord(EngineOptions options, string sandbox, Record record)
    {
        var path = RecordPath(options, sandbox);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var o = new JsonObject
        {
            ["network"] = record.Network,
            ["containerId"] = record.ContainerId,
            ["ifName"] = record.IfName,
            ["pluginDirectories"] = new JsonArray(record.PluginDirectories.Select(d => (JsonNode)d).ToArray()),
        };
        File.WriteAllText(path, o.ToJsonString());
    }

    private static Record? ReadRecord(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var dirs = o["pluginDirectories"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
            return new Record(o["network"]!.GetValue<string>(), o["containerId"]!.GetValue<string>(), o["ifName"]!.GetValue<string>(), dirs);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new ForgeException(ErrorKind.Internal, $"CNI record {path} is unreadable: {e.Message}", e);
        }
    }
}
