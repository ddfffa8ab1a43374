using System.Text.Json.Nodes;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>The JSON we write for each construct equals what nft -j itself lists for it (Golden/constructs.json).</summary>
public sealed class NftJsonWriterTests
{
    private static readonly NftTable GoldenTable = new(NftFamily.Inet, "fnt-golden");

    public static TheoryData<string> GoldenObjects() => [.. GoldenJson.Listing(GoldenFile.Read("constructs.json")).Keys];

    [Theory]
    [MemberData(nameof(GoldenObjects))]
    public void Write_GoldenConstruct_EqualsNftListing(string id)
    {
        var golden = GoldenJson.Listing(GoldenFile.Read("constructs.json"));
        var written = GoldenJson.Adds(GoldenConstructs.Build(GoldenTable).ToJson());

        Assert.True(written.ContainsKey(id), $"the typed build has no {id}");
        Assert.True(JsonNode.DeepEquals(golden[id], written[id]), $"{id}\n nft lists: {golden[id].ToJsonString()}\n we write:  {written[id].ToJsonString()}");
    }

    [Fact]
    public void Write_GoldenConstructs_WritesNothingNftDoesNotList()
    {
        var golden = GoldenJson.Listing(GoldenFile.Read("constructs.json"));
        var written = GoldenJson.Adds(GoldenConstructs.Build(GoldenTable).ToJson());

        Assert.Equal(golden.Keys.Order(), written.Keys.Order());
    }

    [Fact]
    public void ReplaceTable_AnyTable_AddsDeletesAndAddsInOneBatch()
    {
        var t = new NftTable(NftFamily.Inet, "fnt-x");

        var json = new NftTransaction().ReplaceTable(t).ToJson();

        Assert.Equal(
            """{"nftables":[{"add":{"table":{"family":"inet","name":"fnt-x"}}},{"delete":{"table":{"family":"inet","name":"fnt-x"}}},{"add":{"table":{"family":"inet","name":"fnt-x"}}}]}""",
            json);
    }

    [Fact]
    public void DeleteCommands_SetMapChainRule_WriteOnlyIdentity()
    {
        var t = new NftTable(NftFamily.Ip6, "fnt-x");

        var json = new NftTransaction().DeleteSet(t, "s").DeleteMap(t, "m").FlushChain(t, "c").DeleteRule(t, "c", 42).ToJson();

        Assert.Equal(
            """{"nftables":[{"delete":{"set":{"family":"ip6","table":"fnt-x","name":"s"}}},{"delete":{"map":{"family":"ip6","table":"fnt-x","name":"m"}}},""" +
            """{"flush":{"chain":{"family":"ip6","table":"fnt-x","name":"c"}}},{"delete":{"rule":{"family":"ip6","table":"fnt-x","chain":"c","handle":42}}}]}""",
            json);
    }

    [Fact]
    public void AddElements_WithTimeoutAndComment_WrapsInElem()
    {
        var t = new NftTable(NftFamily.Inet, "fnt-x");
        var element = new NftElement(NftValue.Address(System.Net.IPAddress.Parse("10.0.0.9"))) { Timeout = TimeSpan.FromMinutes(2), Comment = "dns" };

        var json = new NftTransaction().AddElements(t, "seen", element).ToJson();

        Assert.Equal(
            """{"nftables":[{"add":{"element":{"family":"inet","table":"fnt-x","name":"seen","elem":[{"elem":{"val":"10.0.0.9","timeout":120,"comment":"dns"}}]}}}]}""",
            json);
    }

    [Fact]
    public void ToJson_RuleWithoutStatements_ThrowsBeforeAnythingIsSent()
    {
        var tx = new NftTransaction().AddRule(new NftRule(new NftTable(NftFamily.Inet, "fnt-x"), "c", []));

        var e = Assert.Throws<ArgumentException>(tx.ToJson);
        Assert.Contains("no statements", e.Message);
    }

    [Fact]
    public void ToJson_FractionalTimeout_Throws()
    {
        var set = NftSet.Of(new NftTable(NftFamily.Inet, "fnt-x"), "s", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Timeout, Timeout = TimeSpan.FromMilliseconds(1500) };

        Assert.Throws<ArgumentException>(new NftTransaction().AddSet(set).ToJson);
    }

    [Fact]
    public void ToJson_InsertTable_Throws()
    {
        var tx = new NftTransaction().Add(new NftTableCommand(NftVerb.Insert, new NftTable(NftFamily.Inet, "fnt-x")));

        Assert.Throws<ArgumentException>(tx.ToJson);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\"b")]
    [InlineData("a\nb")]
    public void NftTable_InvalidName_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new NftTable(NftFamily.Inet, name));

    [Fact]
    public void IfName_LongerThan15Bytes_Throws() =>
        Assert.Throws<ArgumentException>(() => NftValue.IfName("0123456789abcdef"));

    [Fact]
    public void Prefix_HostBitsSet_WritesNetwork()
    {
        var json = NftJsonWriter.ToJson(w => NftJsonWriter.WriteValue(w, NftValue.Prefix(IpPrefix.Parse("10.1.2.3/16"))));

        Assert.Equal("""{"prefix":{"addr":"10.1.0.0","len":16}}""", json);
    }

    [Fact]
    public void Prefix_FullLength_WritesPlainAddress()
    {
        var json = NftJsonWriter.ToJson(w => NftJsonWriter.WriteValue(w, NftValue.Prefix(IpPrefix.Parse("fd00::7/128"))));

        Assert.Equal("\"fd00::7\"", json);
    }

    [Theory]
    [InlineData(null, """{"log":null}""")]
    [InlineData("x: ", """{"log":{"prefix":"x: "}}""")]
    public void WriteStatement_Log_AsNftListsIt(string? prefix, string expected) =>
        Assert.Equal(expected, NftJsonWriter.ToJson(w => NftJsonWriter.WriteStatement(w, new NftLog(prefix))));

    [Fact]
    public void WriteStatement_Ipv6DnatWithoutPort_UsesIp6Family() =>
        Assert.Equal("""{"dnat":{"family":"ip6","addr":"fd00::5"}}""",
            NftJsonWriter.ToJson(w => NftJsonWriter.WriteStatement(w, new NftNat(NftNatKind.Dnat, System.Net.IPAddress.Parse("fd00::5")))));
}
