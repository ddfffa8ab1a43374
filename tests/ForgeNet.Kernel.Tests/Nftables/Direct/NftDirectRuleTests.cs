using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>Every rule shape of <see cref="RuleCorpus"/>, written directly, leaves the kernel holding what libnftables makes of it.</summary>
public sealed class NftDirectRuleTests
{
    public static TheoryData<string> BridgeRules => [.. RuleCorpus.Bridge.Keys];

    public static TheoryData<string> InetRules => [.. RuleCorpus.Inet.Keys];

    [PrivilegedTheory]
    [MemberData(nameof(BridgeRules))]
    public void AddRule_BridgeShape_SameAsLibnftables(string shape) => Compare(NftFamily.Bridge, RuleCorpus.Bridge[shape]);

    [PrivilegedTheory]
    [MemberData(nameof(InetRules))]
    public void AddRule_InetShape_SameAsLibnftables(string shape) => Compare(NftFamily.Inet, RuleCorpus.Inet[shape]);

    private static void Compare(NftFamily family, Func<NftRuleBuilder, NftRuleBuilder> shape)
    {
        using var both = new DirectComparison();
        var t = new NftTable(family, TestNames.Unique());
        both.Prepare(RuleCorpus.Tables(t));

        both.Apply(new NftTransaction().AddRule(shape(NftRule.In(t, "c")).Build()));

        both.AssertSame(t);
    }
}
