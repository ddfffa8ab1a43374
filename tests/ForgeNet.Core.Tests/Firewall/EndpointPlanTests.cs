using ForgeNet.Core.Firewall;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

public class EndpointPlanTests
{
    [Fact]
    public void For_RulesWithTheSamePorts_ShareOneGroup()
    {
        var policy = Parse("""
            version: 1
            mode: internal
            egress:
              - description: one
                to: [10.1.0.0/16]
                ports: [443/tcp]
              - description: two
                to: [10.3.0.0/16, "fd00:1::/48"]
                ports: [443/tcp]
              - description: three
                to: [10.5.0.0/16]
                ports: [443/tcp, 80/tcp]
            """);
        var plan = EndpointPlan.For(Web(policy), Inputs());
        var https = Assert.Single(plan.Egress, g => g.L4.Key == "tcp:443");
        Assert.Equal(["one", "two"], https.Descriptions);
        Assert.Equal("10.1.0.0/16, 10.3.0.0/16", https.Addresses4.ToString());
        Assert.Equal("fd00:1::/48", https.Addresses6.ToString());
        Assert.Single(plan.Egress, g => g.L4.Key == "tcp:80,443");
    }

    [Fact]
    public void For_Internal_DefaultIsPeersBothWaysButNeverTheGateway()
    {
        var plan = EndpointPlan.For(Web(), Inputs());
        foreach (var groups in new[] { plan.Egress, plan.Ingress })
        {
            var bridged = Assert.Single(groups);
            Assert.Equal(FirewallScope.Bridged, bridged.Scope);
            Assert.Equal("10.89.0.0/24", bridged.Addresses4.ToString());
            Assert.Equal("fd00:89::/64, fe80::/10", bridged.Addresses6.ToString());
        }
        // Routed, the same subnet is only met through the host (hairpin): its rules allow the subnet but the gateway.
        Assert.Equal(Net0, plan.InternalPeers);
        var rules = FirewallCompiler.Compile(Web(), Inputs()).Rules.Where(r => r.Table.Family == Kernel.Nftables.NftFamily.Inet).Select(r => r.ToString()).ToList();
        Assert.Contains(rules, r => r.StartsWith("ip daddr 10.89.0.0/24 ip daddr != 10.89.0.1 counter return", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.StartsWith("ip6 saddr fd00:89::/64 ip6 saddr != fd00:89::1 counter accept", StringComparison.Ordinal));
    }

    [Fact]
    public void For_PeerOnlyWithoutRules_AllowsNothing()
    {
        var plan = EndpointPlan.For(Web(new() { Mode = ForgeNet.Core.Policy.PolicyMode.PeerOnly }), Inputs());
        Assert.Empty(plan.Egress);
        Assert.Empty(plan.Ingress);
    }

    [Fact]
    public void For_Dns_ResolverPortsRoutedOnly()
    {
        var plan = EndpointPlan.For(Web(Parse("version: 1\nmode: peer-only\ndns: true\n")), Inputs());
        var dns = plan.Egress.ToList();
        Assert.Equal(["udp:53", "tcp:53"], dns.Select(g => g.L4.Key));
        Assert.All(dns, g => Assert.Equal(FirewallScope.Routed, g.Scope));
        Assert.All(dns, g => Assert.Equal("10.89.0.1", g.Addresses4.ToString()));
    }

    [Fact]
    public void For_PeerSelectors_NamesCollected()
    {
        var plan = EndpointPlan.For(Db(Parse(PeerOnlyYaml)), Inputs());
        Assert.Equal(["web"], plan.Peers);
        Assert.All(plan.Ingress, g => Assert.True(g.Addresses4.IsEmpty && g.Addresses6.IsEmpty));
    }

    [Fact]
    public void Compile_ManyCidrs_OneNamedSetNotOneRulePerCidr()
    {
        var cidrs = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"10.{2 * i}.0.0/16").Append("10.0.128.0/17"));
        var policy = Parse($"version: 1\nmode: internal\negress:\n  - to: [{cidrs}]\n    ports: [443/tcp]\n");
        var c = FirewallCompiler.Compile(Web(policy), Inputs());
        var set = Assert.Single(c.Sets, s => s.Table.Family == Kernel.Nftables.NftFamily.Inet);
        // 10.0.128.0/17 lies inside 10.0.0.0/16: merged away; the 100 others are not adjacent. All are /16s: one hash
        // set of network addresses, looked up through the /16 mask.
        Assert.EndsWith("-16", set.Name);
        Assert.Equal(100, set.Elements.Count);
        Assert.Equal("10.0.0.0", set.Elements[0].Key.ToString());
        Assert.Single(c.Rules, r => r.Table.Family == Kernel.Nftables.NftFamily.Inet && r.Chain.EndsWith("-eg", StringComparison.Ordinal) && r.ToString().Contains('@'));
    }
}
