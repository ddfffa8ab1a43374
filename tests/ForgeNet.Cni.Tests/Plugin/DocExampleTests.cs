using System.Text;
using System.Text.RegularExpressions;
using ForgeNet.Cni.Plugin;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cni.Tests.Plugin;

/// <summary>Every network config in docs/CNI.md parses, inline policy included.</summary>
public partial class DocExampleTests
{
    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [Fact]
    public void CniDoc_NetworkConfigs_Parse()
    {
        var configs = JsonBlock().Matches(File.ReadAllText(DocPath())).Select(m => m.Groups[1].Value)
            .Where(text => text.Contains("\"type\"", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, configs.Count);
        var main = NetworkConfig.Parse(Encoding.UTF8.GetBytes(configs[0]), ipamMode: false);
        Assert.Equal(PolicyMode.Private, main.Policy!.Mode);
        Assert.Equal(["10.89.40.0/24", "fd00:89:40::/64"], main.Subnets);
        var ipam = NetworkConfig.Parse(Encoding.UTF8.GetBytes(configs[1]), ipamMode: true);
        Assert.Equal("brnet", ipam.Network);
        Assert.Equal("0.0.0.0/0", Assert.Single(ipam.Routes).Dst);
        Assert.True(NetworkConfig.IsIpamInvocation(Encoding.UTF8.GetBytes(configs[1]), CniPlugin.PluginName, CniPlugin.IpamName));
        Assert.False(NetworkConfig.IsIpamInvocation(Encoding.UTF8.GetBytes(configs[0]), CniPlugin.PluginName, CniPlugin.IpamName));
    }

    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "CNI.md");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("docs/CNI.md not found above the test directory");
    }
}
