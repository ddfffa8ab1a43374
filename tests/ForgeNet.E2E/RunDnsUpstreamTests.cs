using ForgeNet.Testing;

namespace ForgeNet.E2E;

/// <summary>A mistake in FORGENET_DNS_UPSTREAMS is a usage error of <c>forge run</c> that changes nothing.</summary>
public sealed class RunDnsUpstreamTests
{
    [PrivilegedTheory]
    [InlineData("127.0.0.1:not-a-port")]
    [InlineData("resolver.example")]
    public void Run_InvalidDnsUpstream_UsageErrorAndNothingMade(string upstreams)
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        var policy = Path.Combine(host.StateDirectory, "dns.yaml");
        File.WriteAllText(policy, "version: 1\nmode: internal\ndns: true\n");

        var result = host.Cli.Run(["run", "--network", "net0", "--policy", policy, "--", "true"],
            new Dictionary<string, string> { ["FORGENET_DNS_UPSTREAMS"] = upstreams });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FORGENET_DNS_UPSTREAMS", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("NAME", host.Ok("sandbox", "ls").Stdout, StringComparison.Ordinal);
        Assert.Single(host.Ok("sandbox", "ls").Stdout.Trim().Split('\n'));
        host.Ok("network", "rm", "net0");
        host.AssertNothingLeft();
    }
}
