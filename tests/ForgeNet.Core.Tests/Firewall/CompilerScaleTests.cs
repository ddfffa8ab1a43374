using System.Text;
using ForgeNet.Core.Firewall;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// A policy of many rules that share a protocol part compiles to one set, not one rule each, and stays linear: each
/// rule's description used to be joined into one comment and trimmed a character at a time (10,000 rules: 8 s).
/// </summary>
public sealed class CompilerScaleTests
{
    private static string OneAddressPerRule(int count)
    {
        var yaml = new StringBuilder("version: 1\nmode: private\ningress:\n");
        for (var i = 0; i < count; i++)
        {
            var host = 0xAC100000u + ((uint)i * 4) + 1;
            yaml.Append($"  - from: [{host >> 24}.{(host >> 16) & 255}.{(host >> 8) & 255}.{host & 255}/32]\n");
        }
        return yaml.ToString();
    }

    [Fact]
    public void Compile_TenThousandOneAddressRules_OneSetOfAllAddresses()
    {
        var policy = Parse(OneAddressPerRule(10_000));
        var compiled = FirewallCompiler.Compile(Web(policy), Inputs(Web(policy), Db()));

        var set = Assert.Single(compiled.Sets);
        Assert.Equal(10_000, set.Elements.Count);
        var reading = compiled.Rules.Where(r => r.ToString().Contains(set.Name, StringComparison.Ordinal)).ToList();
        Assert.Single(reading);
    }

    [Fact]
    public void Compile_ManyRuleDescriptions_CommentCutToWhatNftAccepts()
    {
        var policy = Parse(OneAddressPerRule(500));
        var compiled = FirewallCompiler.Compile(Web(policy), Inputs(Web(policy), Db()));

        var comment = compiled.Rules.Select(r => r.Comment).Single(c => c?.StartsWith("ingress[0]; ingress[1]; ", StringComparison.Ordinal) == true)!;
        Assert.EndsWith("...", comment, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(comment), 100, 120);
    }
}
