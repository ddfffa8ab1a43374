using System.Net;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// "The internet" for a test: a namespace joined to the test's throwaway host namespace by a veth pair, holding
/// 198.18.0.2 (the host side is 198.18.0.1, its default route) and any other addresses the test names on its
/// loopback. Nothing here ever reaches a real network. Dispose deletes the namespace (and with it the pair).
/// </summary>
internal sealed class Upstream : IDisposable
{
    public static readonly IPAddress HostSide = IPAddress.Parse("198.18.0.1");
    public static readonly IPAddress Near = IPAddress.Parse("198.18.0.2");

    public Upstream(EngineSandbox env, params string[] addresses)
    {
        Name = TestNames.Unique("up");
        Namespace = NetNs.Create(Name);
        var link = Name;
        Probe.Ip("-n", env.HostName, "link", "add", link, "type", "veth", "peer", "name", "up0", "netns", Name);
        Probe.Ip("-n", env.HostName, "address", "add", "198.18.0.1/30", "dev", link);
        Probe.Ip("-n", env.HostName, "link", "set", link, "up");
        Probe.Ip("-n", Name, "address", "add", "198.18.0.2/30", "dev", "up0");
        Probe.Ip("-n", Name, "link", "set", "up0", "up");
        Probe.Ip("-n", Name, "link", "set", "lo", "up");
        Probe.Ip("-n", env.HostName, "route", "add", "default", "via", "198.18.0.2");
        // A real host's loopback is up; the throwaway host's starts down.
        Probe.Ip("-n", env.HostName, "link", "set", "lo", "up");
        foreach (var address in addresses)
            Probe.Ip("-n", Name, "address", "add", address + "/32", "dev", "lo");
    }

    public string Name { get; }

    public NetNs Namespace { get; }

    public void Dispose()
    {
        Namespace.Dispose();
        NetNs.DeleteNamed(Name);
    }
}
