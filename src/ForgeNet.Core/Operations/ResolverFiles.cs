using System.Diagnostics;
using System.Text;
using ForgeNet.Core.Model;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core.Operations;

/// <summary>
/// <c>/etc/netns/&lt;namespace&gt;/resolv.conf</c>, the file <c>ip netns exec</c> (and <c>forge run</c>) bind-mounts over
/// /etc/resolv.conf: the gateways of the sandbox's networks as nameservers, their domains to search.
/// </summary>
public static class ResolverFiles
{
    /// <summary>Root of the per-namespace /etc overrides (the iproute2 convention).</summary>
    public const string Root = "/etc/netns";

    /// <summary>The file of namespace <paramref name="ns"/> (present only while a sandbox with DNS has that namespace).</summary>
    public static string PathFor(string ns) => Path.Combine(Root, ns, "resolv.conf");

    /// <summary>Writes the file for namespace <paramref name="ns"/>; a no-op when no network has a gateway.</summary>
    internal static void Write(string ns, IEnumerable<NetworkRecord> networks)
    {
        var text = Render(networks.ToList());
        if (text is null) return;
        var directory = Path.Combine(Root, ns);
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, ".resolv.conf.tmp");
        File.WriteAllText(temporary, text);
        File.Move(temporary, Path.Combine(directory, "resolv.conf"), overwrite: true);
    }

    /// <summary>Removes the file and its directory; absent is fine.</summary>
    internal static void Remove(string ns)
    {
        var directory = Path.Combine(Root, ns);
        if (!Directory.Exists(directory)) return;
        File.Delete(Path.Combine(directory, "resolv.conf"));
        if (!Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
    }

    /// <summary>The file's text, or null when there is no gateway to name.</summary>
    internal static string? Render(IReadOnlyList<NetworkRecord> networks)
    {
        var servers = networks.SelectMany(n => new[] { n.Gateway4, n.Gateway6 }).OfType<System.Net.IPAddress>().Distinct().Take(3).ToList();
        if (servers.Count == 0) return null;
        var text = new StringBuilder("# written by forgenet: the resolver of this sandbox's networks\n");
        foreach (var server in servers) text.Append("nameserver ").Append(server).Append('\n');
        text.Append("search ").AppendJoin(' ', networks.Select(n => NetworkDomain.Of(n.Name))).Append('\n');
        text.Append("options edns0\n");
        return text.ToString();
    }

    /// <summary>
    /// Starts a process in <paramref name="sandbox"/>'s namespace; when the sandbox has a resolv.conf, in a private mount
    /// namespace where /etc/resolv.conf is that file (so the process asks the network's resolver).
    /// </summary>
    internal static Process StartProcess(NetNs sandbox, string ns, ProcessStartInfo startInfo)
    {
        var file = PathFor(ns);
        if (!File.Exists(file)) return sandbox.StartProcess(startInfo);
        return sandbox.Run(() =>
        {
            MountNamespace.BindOnThisThread([(file, "/etc/resolv.conf")]);
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"Process.Start returned no process for '{startInfo.FileName}'");
        });
    }
}
