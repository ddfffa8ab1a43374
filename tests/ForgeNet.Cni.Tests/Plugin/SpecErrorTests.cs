using System.Text.Json.Nodes;
using ForgeNet.Cni.Spec;

namespace ForgeNet.Cni.Tests.Plugin;

/// <summary>The spec's errors, each from the real forge-cni process: error JSON on stdout, the spec's code, a non-zero exit.</summary>
public class SpecErrorTests
{
    [Fact]
    public void Version_PrintsSupportedVersions()
    {
        using var host = new CniHost(kernel: false);

        var run = host.Run("VERSION", null, stdin: """{"cniVersion":"1.1.0"}""", ifName: null, path: null);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1.1.0", run.Json.GetProperty("cniVersion").GetString());
        var versions = run.Json.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], versions);
    }

    [Fact]
    public void Version_OtherVariablesInvalid_StillAnswers()
    {
        using var host = new CniHost(kernel: false);

        // libcni validates a conflist by asking VERSION with CNI_NETNS=dummy and other leftovers.
        var run = host.Run("VERSION", null, containerId: "-x", netns: "dummy", ifName: "a/b", stdin: "");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1.1.0", run.Json.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public void Add_BadJson_DecodingFailure()
    {
        using var host = new CniHost(kernel: false);

        var run = host.Run("ADD", null, "c1", "/run/netns/none", stdin: "{\"cniVersion\": \"1.1.0\", ");

        Assert.Equal(CniErrorCode.DecodingFailure, run.ErrorCode);
        Assert.Contains("error unmarshalling network config", run.Json.GetProperty("msg").GetString());
        Assert.Equal("1.1.0", run.Json.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public void Add_UnknownCniVersion_IncompatibleVersion()
    {
        using var host = new CniHost(kernel: false);

        var run = host.Run("ADD", host.Config(version: "9.9.9"), "c1", "/run/netns/none");

        Assert.Equal(CniErrorCode.IncompatibleVersion, run.ErrorCode);
        Assert.Contains("config is \"9.9.9\"", run.Json.GetProperty("details").GetString());
    }

    [Fact]
    public void Add_MissingNetns_InvalidEnvironment()
    {
        using var host = new CniHost(kernel: false);

        var run = host.Run("ADD", host.Config(), "c1", netns: null);

        Assert.Equal(CniErrorCode.InvalidEnvironment, run.ErrorCode);
        Assert.Equal("required env variables [CNI_NETNS] missing", run.Json.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData("FROB", null, "eth0", "unknown CNI_COMMAND")]
    [InlineData("ADD", "-bad", "eth0", "CNI_CONTAINERID")]
    [InlineData("ADD", "c1", "a/b", "CNI_IFNAME")]
    [InlineData("ADD", "c1", "sixteen-chars-xx", "CNI_IFNAME")]
    [InlineData("DEL", null, "eth0", "CNI_CONTAINERID")]
    public void Run_InvalidEnvironment_Code4(string command, string? containerId, string ifName, string text)
    {
        using var host = new CniHost(kernel: false);

        var run = host.Run(command, host.Config(), containerId, "/run/netns/none", ifName);

        Assert.Equal(CniErrorCode.InvalidEnvironment, run.ErrorCode);
        Assert.Contains(text, run.Stdout);
    }

    [Theory]
    [InlineData("CHECK", "0.3.1")]
    [InlineData("GC", "1.0.0")]
    [InlineData("STATUS", "0.4.0")]
    public void Run_VerbNewerThanConfig_IncompatibleVersion(string command, string version)
    {
        using var host = new CniHost(kernel: false);

        var run = host.Run(command, host.Config(version), "c1", "/run/netns/none");

        Assert.Equal(CniErrorCode.IncompatibleVersion, run.ErrorCode);
        Assert.Contains($"does not allow {command}", run.Stdout);
        Assert.Equal(version, run.Json.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public void Add_MissingName_InvalidNetworkConfig()
    {
        using var host = new CniHost(kernel: false);
        var config = host.Config();
        config.Remove("name");

        Assert.Equal(CniErrorCode.InvalidNetworkConfig, host.Run("ADD", config, "c1", "/run/netns/none").ErrorCode);
    }

    [Fact]
    public void Add_IpamSection_UnsupportedField()
    {
        using var host = new CniHost(kernel: false);
        var config = host.Config();
        config["ipam"] = new JsonObject { ["type"] = "host-local" };

        Assert.Equal(CniErrorCode.UnsupportedField, host.Run("ADD", config, "c1", "/run/netns/none").ErrorCode);
    }

    [Fact]
    public void Add_InlinePolicyError_PointsIntoTheConfig()
    {
        using var host = new CniHost(kernel: false);
        var text = "{\n  \"cniVersion\": \"1.1.0\",\n  \"name\": \"n1\",\n  \"type\": \"forge-cni\",\n  \"policy\": {\"mode\": \"private\",\n    \"egress\": [{\"to\": [\"10.0.0.0/8\"], \"ports\": [\"70000/tcp\"]}]}\n}";

        var run = host.Run("ADD", null, "c1", "/run/netns/none", stdin: text);

        Assert.Equal(CniErrorCode.InvalidNetworkConfig, run.ErrorCode);
        // Line 6 of stdin, at the port's column.
        Assert.StartsWith("network config (policy):6:", run.Json.GetProperty("msg").GetString());
        Assert.Contains("70000", run.Json.GetProperty("msg").GetString());
    }
}
