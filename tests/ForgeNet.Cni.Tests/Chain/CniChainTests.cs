using System.Text.Json.Nodes;
using ForgeNet.Cni.Chain;

namespace ForgeNet.Cni.Tests.Chain;

public sealed class CniChainTests : IDisposable
{
    private readonly FakePluginDirectory _dir = new();

    public CniChainTests()
    {
        foreach (var name in new[] { "first", "second", "third" })
            _dir.Add(name);
    }

    public void Dispose() => _dir.Dispose();

    private static readonly CniAttachment Attachment = new("ctr-1", "/run/netns/fnt-none", "eth0")
    {
        Args = [KeyValuePair.Create("K8S_POD_NAME", "web")],
        CapabilityArgs = new Dictionary<string, JsonNode?>
        {
            ["portMappings"] = new JsonArray(new JsonObject { ["hostPort"] = 8080, ["containerPort"] = 80, ["protocol"] = "tcp" }),
            ["bandwidth"] = new JsonObject { ["ingressRate"] = 1000 },
        },
    };

    private CniChain Chain(string version = "1.0.0", string extra = "", TimeSpan? deadline = null) => new(
        CniConfigList.Parse($$$"""
            {"cniVersion":"{{{version}}}","name":"fntnet"{{{extra}}},"plugins":[
              {"type":"first","cniVersion":"0.0.1","name":"wrong","prevResult":{"stale":true}},
              {"type":"second","capabilities":{"portMappings":true,"mac":true}},
              {"type":"third","capabilities":{"bandwidth":true}}]}
            """),
        new CniChainOptions { PluginDirectories = [_dir.Plugins], CacheDirectory = _dir.Cache, PluginDeadline = deadline ?? TimeSpan.FromSeconds(20) });

    [Fact]
    public async Task AddAsync_ThreePlugins_RunInOrderPassingPrevResult()
    {
        var result = await Chain().AddAsync(Attachment);

        Assert.Equal(["first ADD", "second ADD", "third ADD"], _dir.Calls());
        Assert.Null(_dir.Stdin("first", "ADD")["prevResult"]);
        var prev = _dir.Stdin("second", "ADD")["prevResult"]!;
        Assert.Equal("first", prev["interfaces"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("second", _dir.Stdin("third", "ADD")["prevResult"]!["interfaces"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("third", CniResults.InterfaceNames(result).Single());
        Assert.Equal("10.1.0.7/24", CniResults.Addresses(result).Single().ToString());
    }

    [Fact]
    public async Task AddAsync_PluginConfig_GetsListNameVersionAndOnlyDeclaredCapabilities()
    {
        await Chain().AddAsync(Attachment);

        var first = _dir.Stdin("first", "ADD");
        Assert.Equal("fntnet", first["name"]!.GetValue<string>());
        Assert.Equal("1.0.0", first["cniVersion"]!.GetValue<string>());
        Assert.Null(first["runtimeConfig"]);
        var second = _dir.Stdin("second", "ADD")["runtimeConfig"]!.AsObject();
        Assert.Equal(["portMappings"], second.Select(p => p.Key));
        Assert.Equal(8080, second["portMappings"]![0]!["hostPort"]!.GetValue<int>());
        Assert.Equal(["bandwidth"], _dir.Stdin("third", "ADD")["runtimeConfig"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task AddAsync_Environment_CarriesTheCniVariables()
    {
        await Chain().AddAsync(Attachment);

        var env = _dir.Env("second", "ADD");
        Assert.Equal("ADD", env["CNI_COMMAND"]);
        Assert.Equal("ctr-1", env["CNI_CONTAINERID"]);
        Assert.Equal("/run/netns/fnt-none", env["CNI_NETNS"]);
        Assert.Equal("eth0", env["CNI_IFNAME"]);
        Assert.Equal("K8S_POD_NAME=web", env["CNI_ARGS"]);
        Assert.Equal(_dir.Plugins, env["CNI_PATH"]);
    }

    [Fact]
    public async Task AddAsync_Success_CachesResultAndConfig()
    {
        var chain = Chain();
        var result = await chain.AddAsync(Attachment);

        var cached = chain.Cache!.TryLoad("fntnet", "ctr-1", "eth0");
        Assert.NotNull(cached);
        Assert.True(JsonNode.DeepEquals(result, cached.Result));
        Assert.Equal(chain.Config.Text, cached.ConfigText);
        Assert.Equal("/run/netns/fnt-none", cached.Attachment.NetNsPath);
        Assert.Equal("web", cached.Attachment.Args.Single().Value);
        Assert.Equal(8080, cached.Attachment.CapabilityArgs["portMappings"]![0]!["hostPort"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Join(_dir.Cache, "results", "fntnet-ctr-1-eth0")));
    }

    [Fact]
    public async Task AddAsync_MiddlePluginFails_UndoesRanPluginsInReverseAndThrowsItsError()
    {
        _dir.FailOn("second", "ADD");
        var chain = Chain();

        var e = await Assert.ThrowsAsync<CniPluginException>(() => chain.AddAsync(Attachment));

        Assert.Equal(["first ADD", "second ADD", "second DEL", "first DEL"], _dir.Calls());
        Assert.Equal("second", e.Plugin);
        Assert.Empty(e.UndoErrors);
        Assert.Equal(CniError.TryAgainLater, e.Error!.Code);
        Assert.Contains("second refuses: try later (code 11)", e.Message);
        Assert.Null(chain.Cache!.TryLoad("fntnet", "ctr-1", "eth0"));
    }

    [Fact]
    public async Task AddAsync_UndoAlsoFails_ReportsBoth()
    {
        _dir.FailOn("second", "ADD");
        _dir.FailOn("first", "DEL");

        var e = await Assert.ThrowsAsync<CniPluginException>(() => Chain().AddAsync(Attachment));

        Assert.Equal("ADD", e.Command);
        Assert.Equal("second", e.Plugin);
        var undo = Assert.IsType<CniPluginException>(Assert.Single(e.UndoErrors));
        Assert.Equal(("DEL", "first"), (undo.Command, undo.Plugin));
    }

    [Fact]
    public async Task AddAsync_MissingPlugin_RunsNothing()
    {
        var chain = new CniChain(CniConfigList.Parse("""{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"first"},{"type":"absent"}]}"""),
            new CniChainOptions { PluginDirectories = [_dir.Plugins] });

        await Assert.ThrowsAsync<CniConfigException>(() => chain.AddAsync(Attachment));
        Assert.Empty(_dir.Calls());
    }

    [Fact]
    public async Task AddAsync_NonJsonFailure_ReportsExitCodeAndStderr()
    {
        _dir.Garbage("first");

        var e = await Assert.ThrowsAsync<CniPluginException>(() => Chain().AddAsync(Attachment));

        Assert.Null(e.Error);
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("something broke", e.Message);
    }

    [Fact]
    public async Task AddAsync_PluginHangs_KilledAtDeadline()
    {
        _dir.Hang("first");
        var started = DateTime.UtcNow;

        var e = await Assert.ThrowsAsync<CniTimeoutException>(() => Chain(deadline: TimeSpan.FromMilliseconds(500)).AddAsync(Attachment));

        Assert.Equal("first", e.Plugin);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the hanging plugin was not killed at its deadline");
    }

    [Theory]
    [InlineData("", "eth0")]
    [InlineData("-bad", "eth0")]
    [InlineData("ctr", "")]
    [InlineData("ctr", "a/b")]
    [InlineData("ctr", "sixteen-chars-xx")]
    [InlineData("ctr", "e th0")]
    public async Task AddAsync_InvalidIdOrIfName_RefusedBeforeAnyPlugin(string id, string ifName)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Chain().AddAsync(new CniAttachment(id, "/run/netns/x", ifName)));
        Assert.Empty(_dir.Calls());
    }

    [Fact]
    public async Task DelAsync_AfterAdd_RunsInReverseWithCachedPrevResultAndDropsCache()
    {
        var chain = Chain();
        var result = await chain.AddAsync(Attachment);

        await chain.DelAsync(Attachment);

        Assert.Equal(["third DEL", "second DEL", "first DEL"], _dir.Calls().Skip(3));
        Assert.True(JsonNode.DeepEquals(result, _dir.Stdin("first", "DEL")["prevResult"]));
        Assert.Equal(["portMappings"], _dir.Stdin("second", "DEL")["runtimeConfig"]!.AsObject().Select(p => p.Key));
        Assert.Null(chain.Cache!.TryLoad("fntnet", "ctr-1", "eth0"));
    }

    [Fact]
    public async Task DelAsync_PluginsFail_ContinuesReportsAllAndKeepsCache()
    {
        var chain = Chain();
        await chain.AddAsync(Attachment);
        _dir.FailOn("third", "DEL");
        _dir.FailOn("first", "DEL");

        var e = await Assert.ThrowsAsync<CniChainException>(() => chain.DelAsync(Attachment));

        Assert.Equal(["third DEL", "second DEL", "first DEL"], _dir.Calls().Skip(3));
        Assert.Equal(["third", "first"], e.Errors.Cast<CniPluginException>().Select(x => x.Plugin));
        Assert.NotNull(chain.Cache!.TryLoad("fntnet", "ctr-1", "eth0"));
    }

    [Fact]
    public async Task DelAsync_WithoutAdd_RunsWithoutPrevResult()
    {
        await Chain().DelAsync(Attachment with { NetNsPath = null });

        Assert.Equal(["third DEL", "second DEL", "first DEL"], _dir.Calls());
        Assert.Null(_dir.Stdin("first", "DEL")["prevResult"]);
        Assert.Equal("", _dir.Env("first", "DEL")["CNI_NETNS"]);
    }

    [Fact]
    public async Task DelAsync_Version031_GetsNoPrevResult()
    {
        var chain = Chain("0.3.1");
        await chain.AddAsync(Attachment);

        await chain.DelAsync(Attachment);

        Assert.Null(_dir.Stdin("first", "DEL")["prevResult"]);
    }

    [Fact]
    public async Task CheckAsync_AfterAdd_RunsInOrderWithCachedResult()
    {
        var chain = Chain();
        var result = await chain.AddAsync(Attachment);

        await chain.CheckAsync(Attachment);

        Assert.Equal(["first CHECK", "second CHECK", "third CHECK"], _dir.Calls().Skip(3));
        Assert.True(JsonNode.DeepEquals(result, _dir.Stdin("second", "CHECK")["prevResult"]));
    }

    [Fact]
    public async Task CheckAsync_PluginFails_StopsAndThrows()
    {
        var chain = Chain();
        await chain.AddAsync(Attachment);
        _dir.FailOn("second", "CHECK");

        await Assert.ThrowsAsync<CniPluginException>(() => chain.CheckAsync(Attachment));

        Assert.Equal(["first CHECK", "second CHECK"], _dir.Calls().Skip(3));
    }

    [Fact]
    public async Task CheckAsync_DisableCheck_RunsNothing()
    {
        var chain = Chain(extra: ""","disableCheck":true""");
        await chain.AddAsync(Attachment);

        await chain.CheckAsync(Attachment);

        Assert.Equal(3, _dir.Calls().Count);
    }

    [Fact]
    public async Task CheckAsync_NoCachedAdd_IsRefused()
    {
        await Assert.ThrowsAsync<CniConfigException>(() => Chain().CheckAsync(Attachment));
        Assert.Empty(_dir.Calls());
    }

    [Fact]
    public async Task GcAsync_Version110_PassesCachedAttachmentsAsValid()
    {
        var chain = Chain("1.1.0");
        await chain.AddAsync(Attachment);

        await chain.GcAsync();

        Assert.Equal(["first GC", "second GC", "third GC"], _dir.Calls().Skip(3));
        var valid = _dir.Stdin("second", "GC")[PluginConfigBuilder.ValidAttachmentsKey]!.AsArray();
        Assert.Equal("ctr-1", valid.Single()!["containerID"]!.GetValue<string>());
        Assert.Equal("eth0", valid.Single()!["ifname"]!.GetValue<string>());
        Assert.False(_dir.Env("second", "GC").ContainsKey("CNI_CONTAINERID"));
    }

    [Theory]
    [InlineData("1.0.0", "")]
    [InlineData("1.1.0", ""","disableGC":true""")]
    public async Task GcAsync_OldVersionOrDisabled_RunsNothing(string version, string extra)
    {
        await Chain(version, extra).GcAsync([]);
        Assert.Empty(_dir.Calls());
    }

    [Fact]
    public async Task StatusAsync_PluginNotReady_ThrowsItsError()
    {
        _dir.FailOn("second", "STATUS");

        var e = await Assert.ThrowsAsync<CniPluginException>(() => Chain("1.1.0").StatusAsync());

        Assert.Equal(["first STATUS", "second STATUS"], _dir.Calls());
        Assert.Equal("STATUS", e.Command);
    }
}
