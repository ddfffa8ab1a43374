using System.Text.Json.Nodes;
using ForgeNet.Cni.Chain;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Cni.Tests.Interop;

/// <summary>
/// A throwaway machine for interop tests: a network namespace playing the host (the plugins run inside it, so their
/// bridges, iptables rules and sysctls land there), container namespaces, and a temp directory for IPAM state and the
/// result cache. Disposing removes every namespace and file it made, also when a test failed half-way.
/// </summary>
public sealed class CniLab : IDisposable
{
    private readonly List<NetNs> _containers = [];

    public CniLab()
    {
        Prefix = TestNames.Unique();
        Directory = System.IO.Directory.CreateTempSubdirectory(Prefix + "-").FullName;
        Host = NetNs.Create(Prefix + "-h");
        Tool.Ok(Host, "ip", "link", "set", "lo", "up");
        // A /24 of its own per lab, though the namespace is private anyway.
        Subnet = $"10.{200 + Random.Shared.Next(40)}.{Random.Shared.Next(250)}.0/24";
    }

    public string Prefix { get; }

    public string Directory { get; }

    public NetNs Host { get; }

    public string Subnet { get; }

    /// <summary>The subnet's first address: the bridge's (the gateway) with isGateway.</summary>
    public string Gateway => Subnet[..Subnet.LastIndexOf('.')] + ".1";

    public string BridgeName => Prefix + "-br";

    public string IpamDirectory => Path.Join(Directory, "ipam");

    /// <summary>ForgeNet's state directory for forge-cni/forge-ipam in this lab (the config's "stateDir").</summary>
    public string StateDirectory => Path.Join(Directory, "state");

    /// <summary>
    /// A plugin directory holding forge-cni and forge-ipam (links to one binary: the NativeAOT build in FORGE_CNI_DIR when
    /// set, else the JIT build beside the tests) and links to every reference plugin, so one list can mix them.
    /// </summary>
    public string ForgePluginDirectory()
    {
        var dir = Path.Join(Directory, "plugins");
        if (System.IO.Directory.Exists(dir))
            return dir;
        System.IO.Directory.CreateDirectory(dir);
        var binary = Path.Join(Environment.GetEnvironmentVariable("FORGE_CNI_DIR") is { Length: > 0 } d ? d : AppContext.BaseDirectory, "forge-cni");
        if (!File.Exists(binary))
            throw new FileNotFoundException($"forge-cni is not built at {binary}", binary);
        File.CreateSymbolicLink(Path.Join(dir, "forge-cni"), binary);
        File.CreateSymbolicLink(Path.Join(dir, "forge-ipam"), binary);
        foreach (var reference in System.IO.Directory.GetFiles("/usr/lib/cni"))
            File.CreateSymbolicLink(Path.Join(dir, Path.GetFileName(reference)), reference);
        return dir;
    }

    /// <summary>A new container namespace, lo up, deleted with the lab.</summary>
    public NetNs Container(string suffix)
    {
        var ns = NetNs.Create($"{Prefix}-{suffix}");
        _containers.Add(ns);
        Tool.Ok(ns, "ip", "link", "set", "lo", "up");
        return ns;
    }

    /// <summary>A chain over <paramref name="conflist"/> running plugins from <paramref name="pluginDirs"/> inside the lab's host namespace.</summary>
    public CniChain Chain(string conflist, params string[] pluginDirs) => new(CniConfigList.Parse(conflist), new CniChainOptions
    {
        PluginDirectories = pluginDirs.Length > 0 ? pluginDirs : ["/usr/lib/cni"],
        CacheDirectory = Path.Join(Directory, "cache"),
        HostNamespace = Host,
        PluginDeadline = TimeSpan.FromSeconds(30),
    });

    /// <summary>Link names in a namespace (host by default).</summary>
    public IReadOnlyList<string> Links(NetNs? ns = null)
    {
        var json = Tool.Ok(ns ?? Host, "ip", "-j", "link", "show");
        return JsonNode.Parse(json)!.AsArray().Select(l => l!["ifname"]!.GetValue<string>()).ToList();
    }

    /// <summary>The packet-filter state of a namespace, as both iptables (nft backend) and nft print it.</summary>
    public string Ruleset(NetNs? ns = null)
    {
        var target = ns ?? Host;
        return Tool.Run(target, "iptables-save").Stdout + Tool.Run(target, "nft", "list", "ruleset").Stdout;
    }

    public void Dispose()
    {
        foreach (var ns in _containers)
        {
            var name = ns.Name!;
            ns.Dispose();
            NetNs.DeleteNamed(name);
        }
        var host = Host.Name!;
        Host.Dispose();
        NetNs.DeleteNamed(host);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
