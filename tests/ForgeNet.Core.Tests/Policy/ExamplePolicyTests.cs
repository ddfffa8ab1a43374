using System.Net;
using System.Text.RegularExpressions;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Tests.Policy;

/// <summary>The shipped examples and the YAML in docs/POLICY.md load, round-trip, and say what they claim.</summary>
public sealed partial class ExamplePolicyTests
{
    public static string[] ExampleFileNames() =>
        [.. Directory.GetFiles(RepoFiles.PathOf("examples", "policies"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> ExampleFiles() => new(ExampleFileNames());

    [Fact]
    public void Examples_TheBriefsSixAreAllThere()
    {
        var files = ExampleFileNames().ToHashSet();
        Assert.Subset(files, new HashSet<string>(["loopback-only.yaml", "private-with-egress-allowlist.yaml", "internal-peers.yaml",
            "public-internet.yaml", "web-server-published.yaml", "phantom-fragment-profile.yaml"]));
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Load_Example_IsValidAndRoundTrips(string file)
    {
        var result = PolicyLoader.Load(RepoFiles.PathOf("examples", "policies", file));
        var canonical = result.Policy.ToString();
        Assert.Equal(result.Policy, PolicyLoader.Parse(canonical, file).Policy);
        Assert.Equal(canonical, PolicyLoader.Parse(canonical, file).Policy.ToString());
        if (file != "phantom-fragment-profile.yaml") Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_Examples_SayWhatTheirNamesPromise()
    {
        NetworkPolicy Load(string file) => PolicyLoader.Load(RepoFiles.PathOf("examples", "policies", file)).Policy;

        Assert.Equal(PolicyMode.LoopbackOnly, Load("loopback-only.yaml").Mode);
        Assert.Equal(PolicyMode.Host, Load("host.yaml").Mode);

        var allowlist = Load("private-with-egress-allowlist.yaml");
        Assert.Equal(PolicyMode.Private, allowlist.Mode);
        Assert.Equal(["pypi.org", "*.pythonhosted.org"], allowlist.Egress[0].Domains.Select(d => d.ToString()));
        Assert.True(allowlist.Ingress.IsEmpty);

        var internalPeers = Load("internal-peers.yaml");
        Assert.Equal(PolicyMode.Internal, internalPeers.Mode);
        Assert.True(internalPeers.Ports.IsEmpty);

        var publicInternet = Load("public-internet.yaml");
        Assert.Same(EgressPreset.PublicInternet, Assert.Single(Assert.Single(publicInternet.Egress).Presets));

        var web = Load("web-server-published.yaml");
        Assert.Contains(web.Ports, p => p.HostAddress is null && p.HostPorts.First == 8080 && p.SandboxPorts.First == 80);
        Assert.Contains(web.Ports, p => IPAddress.Loopback.Equals(p.HostAddress));

        var profile = PolicyLoader.Load(RepoFiles.PathOf("examples", "policies", "phantom-fragment-profile.yaml"));
        Assert.Equal(("python-ai-turbo", PolicyMode.LoopbackOnly), (profile.ProfileName, profile.Policy.Mode));
        Assert.Equal(["runtime", "filesystem"], profile.Warnings.Select(w => w.Path));
    }

    public static TheoryData<int, string> DocYamlBlocks()
    {
        var data = new TheoryData<int, string>();
        var text = File.ReadAllText(RepoFiles.PathOf("docs", "POLICY.md"));
        var index = 0;
        foreach (Match block in YamlBlock().Matches(text)) data.Add(index++, block.Groups[1].Value);
        return data;
    }

    [Theory]
    [MemberData(nameof(DocYamlBlocks))]
    public void Docs_YamlBlock_ParsesAndRoundTrips(int index, string yaml)
    {
        var policy = PolicyLoader.Parse(yaml, $"POLICY.md block {index}").Policy;
        Assert.Equal(policy, PolicyLoader.Parse(policy.ToString(), "canonical").Policy);
    }

    [Fact]
    public void Docs_PublicInternetTable_IsExactlyThePresetsDenyList()
    {
        var text = File.ReadAllText(RepoFiles.PathOf("docs", "POLICY.md"));
        var table = text[text.IndexOf("<!-- public-internet:begin -->", StringComparison.Ordinal)..text.IndexOf("<!-- public-internet:end -->", StringComparison.Ordinal)];
        var documented = TableRange().Matches(table).Select(m => IPNetwork.Parse(m.Groups[1].Value)).ToArray();
        Assert.Equal(EgressPreset.PublicInternet.Denied, documented);
    }

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^\| `([0-9a-f:./]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRange();
}
