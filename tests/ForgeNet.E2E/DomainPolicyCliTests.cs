using System.Text.RegularExpressions;

namespace ForgeNet.E2E;

/// <summary>Domain rules through the CLI: accepted by check and create, shown with their sets, removed with the sandbox.</summary>
public sealed class DomainPolicyCliTests
{
    private const string Policy = """
        mode: private
        dns: true
        egress:
          - to: [{domain: pypi.org}, {domain: "*.pythonhosted.org"}]
            ports: [443/tcp]
        """;

    [PrivilegedFact]
    public void CreateWithDomainPolicy_SetsAndDnsGuardShown_NothingLeftAfterRemove()
    {
        using var host = new ForgeHost();
        var path = Path.Combine(host.StateDirectory, "domains.yaml");
        File.WriteAllText(path, Policy);
        var check = host.Ok("policy", "check", path, "--json");
        Assert.Contains("\"unenforced\":[]", check.Stdout.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        host.Ok("network", "create", "net0");
        host.Ok("sandbox", "create", "agent", "--network", "net0", "--policy", path);

        var show = host.Ok("policy", "show", "agent").Stdout;
        Assert.Contains("domain: pypi.org", show, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"set ep-fv[0-9a-f]{10}-dom4-[0-9a-f]{12} \{"), show);
        Assert.Contains("flags timeout", show, StringComparison.Ordinal);
        Assert.Contains("domain rules: DNS only to the network's resolver", show, StringComparison.Ordinal);

        host.Ok("sandbox", "rm", "agent");
        host.Ok("network", "rm", "net0");
        host.AssertNothingLeft();
    }
}
