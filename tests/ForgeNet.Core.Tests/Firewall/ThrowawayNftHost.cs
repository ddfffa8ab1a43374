using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>A network namespace of the test's own with an nftables backend bound to it; Dispose deletes both.</summary>
internal sealed class ThrowawayNftHost : IDisposable
{
    public ThrowawayNftHost()
    {
        Name = TestNames.Unique("nft");
        Namespace = NetNs.Create(Name);
        Backend = NftablesBackend.OpenIn(f => Namespace.Run(f));
    }

    public string Name { get; }

    public NetNs Namespace { get; }

    public NftablesBackend Backend { get; }

    /// <summary><c>nft list ruleset</c> in the namespace, as nft prints it.</summary>
    public string Ruleset() => Backend.Context.RunText("list ruleset");

    public void Dispose()
    {
        Backend.Dispose();
        Namespace.Dispose();
        NetNs.DeleteNamed(Name);
    }
}
