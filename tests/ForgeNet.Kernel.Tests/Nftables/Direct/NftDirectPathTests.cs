using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>The direct netlink path leaves the kernel exactly as libnftables does, for what it supports.</summary>
public sealed class NftDirectPathTests
{
    [PrivilegedFact]
    public void Apply_EndpointAddThenRemove_KernelHoldsWhatLibnftablesMakes()
    {
        using var both = new DirectComparison();
        both.Prepare(EndpointCorpus.Skeleton());
        var (add, remove) = EndpointCorpus.Endpoint(7);

        both.Apply(add);
        both.AssertSame(EndpointCorpus.Bridge);
        both.AssertSame(EndpointCorpus.Inet);

        both.Apply(remove);
        both.AssertSame(EndpointCorpus.Bridge);
        both.AssertSame(EndpointCorpus.Inet);
    }
}
