using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;

namespace ForgeNet.Core.Tests.Model;

public class NamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("web-1")]
    [InlineData("Net_0.prod")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890ab")] // 63
    public void Validate_GoodName_Accepted(string name) => Names.Validate("sandbox", name);

    [Theory]
    [InlineData("")]
    [InlineData("-web")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890abc")] // 64
    [InlineData("web\n")]
    public void Validate_BadName_InvalidArgument(string name)
    {
        var e = Assert.Throws<ForgeException>(() => Names.Validate("sandbox", name));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.StartsWith("invalid sandbox name", e.Message);
    }

    [Fact]
    public void Bridge_SameId_StableAndShort()
    {
        var name = Names.Bridge("abc");
        Assert.Equal(name, Names.Bridge("abc"));
        Assert.Matches("^fn-[0-9a-f]{8}$", name);
        Assert.NotEqual(name, Names.Bridge("abd"));
    }

    [Fact]
    public void NewHostInterface_Twice_DifferentAndValid()
    {
        var a = Names.NewHostInterface();
        Assert.Matches("^fv[0-9a-f]{10}$", a);
        Assert.NotEqual(a, Names.NewHostInterface());
    }

    [Fact]
    public void Mac_FromSeed_LocallyAdministeredUnicastAndStable()
    {
        var mac = Names.Mac("fv0011223344").GetAddressBytes();
        Assert.Equal(0x02, mac[0]);
        Assert.Equal(mac, Names.Mac("fv0011223344").GetAddressBytes());
        Assert.Matches("^02(:[0-9a-f]{2}){5}$", Names.FormatMac(Names.Mac("x")));
    }

    [Fact]
    public void OwnerTag_ParsesOwnAliases()
    {
        Assert.Equal(new OwnerTag("1a2b3c4d", "s1", null), OwnerTag.Parse(Names.SandboxAlias("1a2b3c4d", "s1")));
        Assert.Equal(new OwnerTag("1a2b3c4d", null, "n1"), OwnerTag.Parse(Names.NetworkAlias("1a2b3c4d", "n1")));
        Assert.Null(OwnerTag.Parse("docker0"));
        Assert.Null(OwnerTag.Parse(null));
        Assert.Null(OwnerTag.Parse("forgenet:"));
    }

    [Fact]
    public void ProcessIdentity_Current_AliveAndFakeStartDead()
    {
        var me = ProcessIdentity.Current;
        Assert.NotNull(me.StartTicks);
        Assert.True(me.IsAlive());
        Assert.False((me with { StartTicks = me.StartTicks + 1 }).IsAlive());
        Assert.False(new ProcessIdentity(int.MaxValue, null).IsAlive());
    }
}
