using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Namespaces;

/// <summary>A named namespace made for one test and deleted when disposed, also when the test fails.</summary>
internal sealed class ScopedNetNs : IDisposable
{
    private ScopedNetNs(NetNs ns) => Ns = ns;

    public NetNs Ns { get; }

    public string Name => Ns.Name!;

    public static ScopedNetNs Create(Action? initialise = null) => new(NetNs.Create(TestNames.Unique(), initialise));

    public void Dispose()
    {
        Ns.Dispose();
        NetNs.DeleteNamed(Name);
    }
}
