using System.Net;
using System.Text.Json.Nodes;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>Read-back: nft's listing parses into the model and writes back to the same JSON, losslessly.</summary>
public sealed class NftJsonReaderTests
{
    private static NftTableState ReadGolden() =>
        NftJsonReader.ReadTableState(GoldenFile.Read("constructs.json"), NftFamily.Inet, "fnt-golden") ?? throw new InvalidOperationException("golden table missing");

    [Fact]
    public void ReadTableState_GoldenListing_HasEveryObject()
    {
        var state = ReadGolden();

        Assert.Equal(new NftTable(NftFamily.Inet, "fnt-golden"), state.Table);
        Assert.NotNull(state.Table.Handle);
        Assert.Equal(["ep1", "ep2", "forward", "input", "output", "prerouting", "postrouting"], state.Chains.Select(c => c.Name));
        Assert.Equal(9, state.Sets.Count);
        Assert.Equal(3, state.Sets.Count(s => s.IsMap));
        Assert.Equal(33, state.Rules.Count);
        Assert.All(state.Rules, r => Assert.NotNull(r.Handle));
    }

    [Fact]
    public void ReadTableState_GoldenListing_TypesChainsSetsAndElements()
    {
        var state = ReadGolden();

        Assert.Equal(new NftChainHook(NftChainType.Filter, NftHook.Forward, 0, NftChainPolicy.Drop), state.Chain("forward")!.Hook);
        Assert.Null(state.Chain("ep1")!.Hook);
        var allow4 = state.Set("allow4")!;
        Assert.Equal(NftSetFlags.Interval, allow4.Flags);
        Assert.Equal(new NftPrefix(IPAddress.Parse("10.99.1.0"), 24), allow4.Elements[0].Key);
        Assert.Equal(new NftAddress(IPAddress.Parse("192.0.2.7")), allow4.Elements[1].Key);
        var recent = state.Set("recent")!;
        Assert.Equal((TimeSpan.FromSeconds(30), 1024u, NftSetFlags.Timeout), (recent.Timeout!.Value, recent.Size!.Value, recent.Flags));
        var dispatch = state.Set("dispatch_in")!;
        Assert.Equal(NftDataType.Verdict, dispatch.ValueType);
        Assert.Equal(NftVerdict.Jump("ep1"), dispatch.Elements[0].Value);
        Assert.Equal([NftDataType.Ipv4Addr, NftDataType.InetService], state.Set("pairs")!.KeyType);
    }

    [Fact]
    public void ReadTableState_GoldenListing_TypesStatements()
    {
        var ep1 = ReadGolden().RulesIn("ep1").ToList();

        var established = Assert.IsType<NftMatch>(ep1[0].Statements[0]);
        Assert.Equal((NftExpr.CtState, NftOp.In), (established.Left, established.Op));
        Assert.Equal(["established", "related"], Assert.IsType<NftFlagList>(established.Right).Names);
        Assert.Equal(new NftCounter(0, 0), ep1[0].Counter);
        Assert.Equal(NftVerdict.Accept, Assert.IsType<NftVerdictStatement>(ep1[0].Statements[2]).Verdict);
        Assert.Equal("default deny", ep1[^1].Comment);
        Assert.IsType<NftLimit>(ep1[13].Statements[0]);
        Assert.True(((NftLimit)ep1[13].Statements[0]).Over);
        Assert.DoesNotContain(ReadGolden().Rules.SelectMany(r => r.Statements), s => s is NftRawStatement);
    }

    [Fact]
    public void ReadTableState_GoldenListing_WritesBackTheSameJson()
    {
        var state = ReadGolden();
        var tx = new NftTransaction().AddTable(state.Table);
        foreach (var set in state.Sets)
            tx.AddSet(set);
        foreach (var chain in state.Chains)
            tx.AddChain(chain);
        foreach (var rule in state.Rules)
            tx.AddRule(rule);

        var written = GoldenJson.Adds(tx.ToJson());
        var golden = GoldenJson.Listing(GoldenFile.Read("constructs.json"));

        Assert.Equal(golden.Keys.Order(), written.Keys.Order());
        Assert.All(golden.Keys, id => Assert.True(JsonNode.DeepEquals(golden[id], written[id]), id));
    }

    [Fact]
    public void ReadStatement_UnknownForms_KeptRawAndWrittenBackUnchanged()
    {
        const string listing = """
            {"nftables": [{"table": {"family": "ip", "name": "fnt-raw", "handle": 3}},
             {"rule": {"family": "ip", "table": "fnt-raw", "chain": "c", "handle": 4, "expr": [
               {"match": {"op": "==", "left": {"payload": {"base": "nh", "offset": 96, "len": 32}}, "right": 167772161}},
               {"notrack": null},
               {"counter": {"packets": 12, "bytes": 3400}},
               {"log": {"group": 2}}]}}]}
            """;

        var rule = NftJsonReader.ReadTableState(listing, NftFamily.Ip, "fnt-raw")!.Rules.Single();
        var match = Assert.IsType<NftMatch>(rule.Statements[0]);
        var rewritten = NftJsonWriter.ToJson(w =>
        {
            w.WriteStartArray();
            foreach (var s in rule.Statements)
                NftJsonWriter.WriteStatement(w, s);
            w.WriteEndArray();
        });

        Assert.IsType<NftRawExpr>(match.Left);
        Assert.IsType<NftRawStatement>(rule.Statements[1]);
        Assert.Equal(new NftCounter(12, 3400), rule.Counter);
        Assert.IsType<NftRawStatement>(rule.Statements[3]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(listing)!["nftables"]![1]!["rule"]!["expr"], JsonNode.Parse(rewritten)));
    }

    [Fact]
    public void ReadTableState_OtherTableOnly_ReturnsNull() =>
        Assert.Null(NftJsonReader.ReadTableState(GoldenFile.Read("constructs.json"), NftFamily.Ip, "fnt-golden"));

    [Fact]
    public void ReadTables_ListTablesOutput_ReturnsEveryTable()
    {
        const string output = """{"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "inet", "name": "a", "handle": 1}}, {"table": {"family": "ip", "name": "b", "handle": 2}}]}""";

        var tables = NftJsonReader.ReadTables(output);

        Assert.Equal([new NftTable(NftFamily.Inet, "a"), new NftTable(NftFamily.Ip, "b")], tables);
    }

    [Theory]
    [InlineData("\"1.2\"", typeof(NftString))]
    [InlineData("\"veth0\"", typeof(NftString))]
    [InlineData("\"10.0.0.1\"", typeof(NftAddress))]
    [InlineData("\"fd00::1\"", typeof(NftAddress))]
    [InlineData("\"@allow4\"", typeof(NftSetRef))]
    [InlineData("443", typeof(NftNumber))]
    [InlineData("{\"range\": [80, 90]}", typeof(NftRange))]
    [InlineData("{\"jump\": {\"target\": \"x\"}}", typeof(NftVerdict))]
    [InlineData("{\"map\": {\"key\": 1}}", typeof(NftRawValue))]
    public void ReadValue_JsonForm_ParsesToType(string json, Type expected)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);

        Assert.IsType(expected, NftJsonReader.ReadValue(doc.RootElement));
    }
}
