using ForgeNet.Core.Ipam;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Tests.Ipam;

public class SubnetPlannerTests
{
    private static IpPrefix P(string s) => IpPrefix.Parse(s);

    [Theory]
    [InlineData("10.0.0.0/8", "10.89.0.0/24", true)]
    [InlineData("10.89.0.0/24", "10.89.0.128/25", true)]
    [InlineData("10.89.0.0/24", "10.89.1.0/24", false)]
    [InlineData("10.89.0.0/24", "fd00::/64", false)]
    [InlineData("fd00::/64", "fd00::/120", true)]
    [InlineData("fd00::/64", "fd00:0:0:1::/64", false)]
    public void Overlaps_Pairs_AsExpected(string a, string b, bool expected)
    {
        Assert.Equal(expected, SubnetPlanner.Overlaps(P(a), P(b)));
        Assert.Equal(expected, SubnetPlanner.Overlaps(P(b), P(a)));
    }

    [Fact]
    public void ChooseDefault4_NothingTaken_First()
    {
        Assert.Equal(P("10.89.0.0/24"), SubnetPlanner.ChooseDefault4([]));
    }

    [Fact]
    public void ChooseDefault4_SomeTaken_SkipsOverlaps()
    {
        var taken = new[] { P("10.89.0.0/24"), P("10.89.1.128/25"), P("10.89.2.0/23"), P("fd00::/8") };
        Assert.Equal(P("10.89.4.0/24"), SubnetPlanner.ChooseDefault4(taken));
    }

    [Fact]
    public void ChooseDefault4_PoolCovered_Null()
    {
        Assert.Null(SubnetPlanner.ChooseDefault4([P("10.0.0.0/8")]));
    }

    [Fact]
    public void Ula6_SameName_SameUlaSlash64()
    {
        var a = SubnetPlanner.Ula6("net0");
        Assert.Equal(a, SubnetPlanner.Ula6("net0"));
        Assert.NotEqual(a, SubnetPlanner.Ula6("net1"));
        Assert.Equal(64, a.Length);
        Assert.Equal(0xfd, a.Address.GetAddressBytes()[0]);
        Assert.All(a.Address.GetAddressBytes()[6..], b => Assert.Equal(0, b));
    }
}
