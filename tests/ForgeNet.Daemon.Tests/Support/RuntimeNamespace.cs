using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Daemon.Tests.Support;

/// <summary>A namespace as a container runtime hands it over: made and deleted by the test, never by ForgeNet.</summary>
internal sealed class RuntimeNamespace : IDisposable
{
    public RuntimeNamespace()
    {
        Name = TestNames.Unique("rt");
        Namespace = NetNs.Create(Name);
        Shell.Ip("-n", Name, "link", "set", "lo", "up");
    }

    public string Name { get; }

    public NetNs Namespace { get; }

    public string Path => Namespace.Path;

    public string Links() => Shell.Ip("-n", Name, "-o", "link", "show");

    public void Dispose()
    {
        Namespace.Dispose();
        NetNs.DeleteNamed(Name);
    }
}
