using System.Text;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Tests.Policy;

/// <summary>
/// Random mutations of the examples: the loader must answer each with a policy or a PolicyException,
/// never another exception, and every policy it accepts must survive render -> parse unchanged.
/// </summary>
public sealed class PolicyFuzzTests
{
    private const int MutationsPerExample = 300;

    private static readonly string[] Tokens =
    [
        ":", "-", " ", "\n", "  ", "[", "]", "{", "}", ",", "*", "&a", "*a", "!", "|", ">", "'", "\"", "#", "~", "?", "%", "@", "\t",
        "0", "65536", "70000/tcp", "1-65535/udp", "8/icmp", "443", "::", "::/0", "0.0.0.0/0", "10.1.2.3/16", "[::1]:80:80",
        "8080:80/tcp", "127.0.0.1:8080:80", "1-2:3-4/udp", "null", "true", "yes", "private", "internal", "peer-only", "host",
        "loopback-only", "public-internet", "egress", "ingress", "ports", "limits", "to", "from", "peer", "labels", "domain",
        "cidr", "preset", "protocols", "icmp", "icmpv6", "echo-request", "dns", "bandwidth", "connections", "packets", "rate",
        "burst", "10mbit", "10mbps", "1.5gbit", "100/second", "0/second", "*.example.org", "network", "profile", "---", "\u00e9", "\u2028",
    ];

    public static TheoryData<string> Examples() => ExamplePolicyTests.ExampleFiles();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Parse_MutatedExample_ThrowsOnlyPolicyExceptionAndRoundTrips(string file)
    {
        var original = File.ReadAllText(RepoFiles.PathOf("examples", "policies", file));
        var random = new Random(file.Length * 7919 + file[0]);
        var accepted = 0;
        for (var i = 0; i < MutationsPerExample; i++)
        {
            var text = original;
            for (var n = random.Next(1, 4); n > 0; n--) text = Mutate(text, random);
            NetworkPolicy policy;
            try
            {
                policy = PolicyLoader.Parse(text, "fuzz.yaml").Policy;
            }
            catch (PolicyException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Detail), $"empty error detail for:\n{text}");
                continue;
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name}: {e.Message}\nfor input:\n{text}\n{e.StackTrace}");
                return;
            }
            accepted++;
            var canonical = policy.ToString();
            var again = PolicyLoader.Parse(canonical, "canonical.yaml").Policy;
            Assert.True(policy == again, $"round trip changed the policy.\ninput:\n{text}\ncanonical:\n{canonical}\nagain:\n{again}");
        }
        // Mutations that keep the file valid exercise the round trip; make sure some do.
        Assert.InRange(accepted, 1, MutationsPerExample - 1);
    }

    private static string Mutate(string text, Random random)
    {
        if (text.Length == 0) return Tokens[random.Next(Tokens.Length)];
        var at = random.Next(text.Length);
        var lines = text.Split('\n');
        var line = random.Next(lines.Length);
        switch (random.Next(7))
        {
            case 0: return text.Remove(at, 1);
            case 1: return text.Insert(at, Tokens[random.Next(Tokens.Length)]);
            case 2: return text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at)).Insert(at, Tokens[random.Next(Tokens.Length)]);
            case 3: return string.Join('\n', lines.Where((_, i) => i != line));
            case 4: return string.Join('\n', lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1)));
            case 5:
                var other = random.Next(lines.Length);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return string.Join('\n', lines);
            default: return ReplaceWord(text, random);
        }
    }

    // Swap one word-like run for a token, so mutations often stay valid YAML with a different value.
    private static string ReplaceWord(string text, Random random)
    {
        var start = random.Next(text.Length);
        while (start > 0 && !IsSeparator(text[start - 1])) start--;
        var end = start;
        while (end < text.Length && !IsSeparator(text[end])) end++;
        return new StringBuilder(text).Remove(start, end - start).Insert(start, Tokens[random.Next(Tokens.Length)]).ToString();
    }

    private static bool IsSeparator(char c) => c is ' ' or '\n' or '[' or ']' or '{' or '}' or ',' or ':' && c != '\0';
}
