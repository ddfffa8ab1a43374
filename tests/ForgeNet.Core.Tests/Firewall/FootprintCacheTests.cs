using ForgeNet.Core.Firewall;
using ForgeNet.Kernel.Nftables;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// A policy change reuses what the previous policy's compile owned instead of compiling it again; what it reuses must
/// give the very transaction a fresh compile of the previous policy gives.
/// </summary>
public sealed class FootprintCacheTests
{
    [Fact]
    public void Of_SameEndpointAgain_RemembersFootprint()
    {
        var cache = new FootprintCache();
        var web = Web(Parse(InternalWithRulesYaml));

        var first = cache.Of(web, Inputs(web, Db()));

        Assert.Same(first, cache.Of(web, Inputs(web)));
        Assert.Same(first, cache.Of(web with { Labels = [new("tier", "front")] }, Inputs(web)));
    }

    [Fact]
    public void Of_PolicyOrAddressChanged_CompiledAgain()
    {
        var cache = new FootprintCache();
        var web = Web(Parse(InternalWithRulesYaml));
        var first = cache.Of(web, Inputs(web));

        var published = Web(Parse(PrivateYaml));
        var moved = web with { Address4 = System.Net.IPAddress.Parse("10.89.0.50") };

        Assert.Contains(cache.Of(published, Inputs(published)).Chains, c => c.Name == FirewallNames.DnatChain(web.Port));
        Assert.DoesNotContain(first.Chains, c => c.Name == FirewallNames.DnatChain(web.Port));
        Assert.Contains(cache.Of(moved, Inputs(moved)).MapElements, e => e.Element.Key.ToString() == "10.89.0.50");
    }

    [Theory]
    [InlineData(InternalWithRulesYaml, PrivateYaml)]
    [InlineData(PrivateYaml, PeerOnlyYaml)]
    [InlineData(PrivateYaml, InternalWithRulesYaml)]
    public void ReplaceEndpoint_RememberedFootprint_SameTransactionAsCompilingThePrevious(string before, string after)
    {
        var (previous, updated) = (Web(Parse(before)), Web(Parse(after)));
        var inputs = Inputs(updated, Db());
        // Remembered from the previous policy's own apply, whose inputs differed (no db, other peers).
        var remembered = FirewallCompiler.AddEndpoint(new NftTransaction(), previous, Inputs(previous));

        var fromFootprint = new NftTransaction();
        FirewallCompiler.ReplaceEndpoint(fromFootprint, remembered, updated, inputs);
        var fromCompile = new NftTransaction();
        FirewallCompiler.ReplaceEndpoint(fromCompile, previous, updated, inputs);

        Assert.Equal(fromCompile.ToString(), fromFootprint.ToString());
        Assert.Contains(fromCompile.Commands, c => c.Verb == NftVerb.Delete);
    }
}
