using System.Diagnostics;
using ForgeNet.Cni.Chain;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Bench.Cni;

/// <summary>
/// One variant's machine: a throwaway host namespace (plugins run inside it: bridges, iptables rules and sysctls land
/// there), N container namespaces made before the clock starts, and a temp directory for IPAM state, the result cache and
/// ForgeNet's store. Disposing removes all of it.
/// </summary>
public sealed class BenchLab : IDisposable
{
    private readonly List<NetNs> _containers = [];

    public BenchLab(string prefix, int containers)
    {
        Prefix = prefix;
        Directory = System.IO.Directory.CreateTempSubdirectory(prefix + "-").FullName;
        Host = NetNs.Create(prefix + "-h");
        Run(Host, "ip", "link", "set", "lo", "up");
        for (var i = 0; i < containers; i++)
            _containers.Add(NetNs.Create($"{prefix}-c{i}"));
    }

    public string Prefix { get; }

    public string Directory { get; }

    public NetNs Host { get; }

    public IReadOnlyList<NetNs> Containers => _containers;

    public string BridgeName => Prefix + "-br";

    /// <summary>A chain that runs plugins from <paramref name="pluginDirs"/> inside the host namespace.</summary>
    public CniChain Chain(string conflist, IReadOnlyList<string> pluginDirs) => new(CniConfigList.Parse(conflist), new CniChainOptions
    {
        PluginDirectories = pluginDirs,
        CacheDirectory = Path.Join(Directory, "cache"),
        HostNamespace = Host,
        PluginDeadline = TimeSpan.FromSeconds(60),
    });

    public void Dispose()
    {
        foreach (var ns in _containers)
            Delete(ns);
        Delete(Host);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static void Delete(NetNs ns)
    {
        var name = ns.Name!;
        ns.Dispose();
        NetNs.DeleteNamed(name);
    }

    private static void Run(NetNs ns, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var p = ns.StartProcess(info);
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit code {p.ExitCode}");
    }
}
