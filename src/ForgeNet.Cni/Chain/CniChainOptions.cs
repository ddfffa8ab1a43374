using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Cni.Chain;

/// <summary>Where plugins are found, where results are cached, how long a plugin may take and where it runs.</summary>
public sealed record CniChainOptions
{
    /// <summary>Absolute directories searched for plugin executables, in order (also CNI_PATH).</summary>
    public required IReadOnlyList<string> PluginDirectories { get; init; }

    /// <summary>The result cache's directory (libcni's default is /var/lib/cni); null keeps no cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How long one plugin execution may take before it is killed.</summary>
    public TimeSpan PluginDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The namespace plugins run in (their host side); null = the caller's. Ignored when <see cref="Executor"/> is set.</summary>
    public NetNs? HostNamespace { get; init; }

    /// <summary>Runs plugin processes; null = <see cref="ProcessPluginExecutor"/> in <see cref="HostNamespace"/>.</summary>
    public IPluginExecutor? Executor { get; init; }

    /// <summary>The directories from the CNI_PATH convention: ':'-separated, empty entries dropped.</summary>
    public static IReadOnlyList<string> SplitPath(string path) =>
        path.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
