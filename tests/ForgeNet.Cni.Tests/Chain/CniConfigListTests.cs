using ForgeNet.Cni.Chain;

namespace ForgeNet.Cni.Tests.Chain;

public sealed class CniConfigListTests
{
    [Fact]
    public void Parse_FullList_ReadsEveryField()
    {
        var list = CniConfigList.Parse("""
            {"cniVersion":"1.1.0","name":"net1","disableCheck":true,"disableGC":true,
             "plugins":[{"type":"bridge","bridge":"br0"},{"type":"portmap","capabilities":{"portMappings":true,"ips":false}}]}
            """);

        Assert.Equal("net1", list.Name);
        Assert.Equal("1.1.0", list.CniVersion);
        Assert.True(list.DisableCheck);
        Assert.True(list.DisableGc);
        Assert.Equal(["bridge", "portmap"], list.Plugins.Select(p => p.Type));
        Assert.Empty(list.Plugins[0].Capabilities);
        Assert.Equal(["portMappings"], list.Plugins[1].Capabilities);
        Assert.Equal("br0", list.Plugins[0].Raw["bridge"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","plugins":[{"type":"x"}]}""", "'name'")]
    [InlineData("""{"name":"n","plugins":[{"type":"x"}]}""", "'cniVersion'")]
    [InlineData("""{"name":"n","cniVersion":"one","plugins":[{"type":"x"}]}""", "not a version")]
    [InlineData("""{"name":"n","cniVersion":"1.0.0","plugins":[]}""", "non-empty array")]
    [InlineData("""{"name":"n","cniVersion":"1.0.0","type":"bridge"}""", "non-empty array")]
    [InlineData("""{"name":"n","cniVersion":"1.0.0","plugins":[{"bridge":"b"}]}""", "plugins[0] needs")]
    [InlineData("""{"name":"n","cniVersion":"1.0.0","plugins":[{"type":"../../bin/sh"}]}""", "not a bare executable name")]
    [InlineData("""{"name":"n","cniVersion":"1.0.0","plugins":[{"type":"/usr/bin/id"}]}""", "not a bare executable name")]
    [InlineData("""{"name":"n","cniVersion":"1.0.0","disableCheck":"yes","plugins":[{"type":"x"}]}""", "'disableCheck'")]
    [InlineData("""{"name":"n","cniVersion":"1.0.0","plugins":[{"type":"x","capabilities":[1]}]}""", "capabilities")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("""{"name": """, "not valid JSON")]
    public void Parse_InvalidList_SaysWhatIsWrong(string json, string expected)
    {
        var e = Assert.Throws<CniConfigException>(() => CniConfigList.Parse(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var e = Assert.Throws<CniConfigException>(() => CniConfigList.Load("/nonexistent/fnt.conflist"));
        Assert.Contains("/nonexistent/fnt.conflist", e.Message);
    }

    [Theory]
    [InlineData("0.4.0", "0.4.0", true)]
    [InlineData("1.0.0", "0.4.0", true)]
    [InlineData("0.3.1", "0.4.0", false)]
    [InlineData("0.10.0", "0.4.0", true)]
    [InlineData("1.1.0", "1.1.0", true)]
    [InlineData("bad", "0.1.0", false)]
    public void AtLeast_Versions_CompareNumerically(string version, string minimum, bool expected)
    {
        Assert.Equal(expected, CniVersions.AtLeast(version, minimum));
    }
}
