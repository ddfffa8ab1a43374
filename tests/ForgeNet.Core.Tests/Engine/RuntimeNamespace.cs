using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

/// <summary>A namespace as a container runtime would hand it over (CNI_NETNS): made and deleted by the test, not ForgeNet.</summary>
internal sealed class RuntimeNamespace : IDisposable
{
    public RuntimeNamespace(string? name = null)
    {
        Name = name ?? TestNames.Unique("rt");
        Namespace = NetNs.Create(Name);
        // The runtime brings lo up itself (the CNI loopback plugin); ForgeNet leaves it alone.
        Probe.Ip("-n", Name, "link", "set", "lo", "up");
    }

    public string Name { get; }

    public NetNs Namespace { get; }

    /// <summary>/run/netns/NAME, what a runtime passes as CNI_NETNS.</summary>
    public string Path => Namespace.Path;

    /// <summary>`ip -o addr show` inside the namespace.</summary>
    public string Addresses() => Probe.Ip("-n", Name, "-o", "addr", "show");

    /// <summary>`ip -o link show` inside the namespace.</summary>
    public string Links() => Probe.Ip("-n", Name, "-o", "link", "show");

    /// <summary>Deletes the namespace as a runtime does when the container is gone; true when it still existed.</summary>
    public bool Delete()
    {
        Namespace.Dispose();
        return NetNs.DeleteNamed(Name);
    }

    public void Dispose() => Delete();
}
