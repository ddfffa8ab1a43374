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

    [PrivilegedFact]
    public void Apply_PublishedEndpointAddThenRemove_KernelHoldsWhatLibnftablesMakes()
    {
        using var both = new DirectComparison();
        both.Prepare(PublishCorpus.Skeleton());

        foreach (var i in new[] { 7, 8 })
        {
            both.Apply(PublishCorpus.Endpoint(i).Add);
            both.AssertSame(PublishCorpus.Inet);
        }
        both.Apply(PublishCorpus.Endpoint(7).Remove);
        both.AssertSame(PublishCorpus.Inet);
    }
}
