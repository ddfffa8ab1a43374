using System.Net;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Tests.Policy;

public sealed class PolicyLoaderTests
{
    internal const string EveryKey = """
        version: 1
        description: "every key"
        mode: private
        dns: true
        anti-spoofing: false
        ipv6-hygiene: false
        ingress:
          - description: "office"
            from:
              - cidr: 198.51.100.0/24
              - peer: web-1
              - labels: {app: web, "example.com/tier": front}
            ports: [22, 8000-8100/udp]
            icmp: [echo-request, 13]
            icmpv6: [packet-too-big]
        egress:
          - to:
              - domain: PyPI.org.
              - domain: "*.pythonhosted.org"
              - 2001:db8::/32
              - public-internet
              - 192.0.2.7
            protocols: [udp, icmp]
            ports: [443/tcp]
          - ports: [53/tcp]
        ports:
          - 8080:80/tcp
          - 127.0.0.1:9090:9090
          - "[::1]:5353:53/udp"
          - 60000-60002:61000-61002/udp
        limits:
          connections: {rate: 100/second, burst: 20}
          packets: 6000/minute
          bandwidth:
            in: 10mbit
            out: {rate: 1.5gbit, burst: 2mbit}
        """;

    [Fact]
    public void Parse_EveryKey_FillsTheModel()
    {
        var result = PolicyLoader.Parse(EveryKey, "p.yaml");
        var policy = result.Policy;
        Assert.Empty(result.Warnings);
        Assert.Null(result.ProfileName);
        Assert.Equal(("every key", PolicyMode.Private, true, false, false),
            (policy.Description, policy.Mode, policy.Dns.ResolverAllowed, policy.AntiSpoofing, policy.Ipv6Hygiene));

        var ingress = Assert.Single(policy.Ingress);
        Assert.Equal("office", ingress.Description);
        Assert.Equal([IPNetwork.Parse("198.51.100.0/24")], ingress.Cidrs);
        Assert.Equal([PeerSelector.ByName("web-1"), PeerSelector.ByLabels([new("example.com/tier", "front"), new("app", "web")])], ingress.Peers);
        Assert.Equal([new PortRange(TransportProtocol.Tcp, 22), new PortRange(TransportProtocol.Udp, 8000, 8100)], ingress.Ports);
        Assert.Equal([new IcmpType(TransportProtocol.Icmp, 8), new IcmpType(TransportProtocol.Icmp, 13), new IcmpType(TransportProtocol.IcmpV6, 2)], ingress.IcmpTypes);
        Assert.True(ingress.Protocols.IsEmpty);

        Assert.Equal(2, policy.Egress.Count);
        var web = policy.Egress[0];
        Assert.Equal(["pypi.org", "*.pythonhosted.org"], web.Domains.Select(d => d.ToString()));
        Assert.Equal([IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("192.0.2.7/32")], web.Cidrs);
        Assert.Same(EgressPreset.PublicInternet, Assert.Single(web.Presets));
        Assert.Equal([TransportProtocol.Udp, TransportProtocol.Icmp], web.Protocols);
        Assert.Equal([new PortRange(TransportProtocol.Tcp, 443)], web.Ports);
        Assert.Equal([IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")], policy.Egress[1].Cidrs);

        Assert.Equal(["8080:80/tcp", "127.0.0.1:9090:9090/tcp", "[::1]:5353:53/udp", "60000-60002:61000-61002/udp"], policy.Ports.Select(p => p.ToString()));
        Assert.Equal(IPAddress.IPv6Loopback, policy.Ports[2].HostAddress);
        Assert.Equal(new PortRange(TransportProtocol.Udp, 61000, 61002), policy.Ports[3].SandboxPorts);

        Assert.Equal(new RateLimit(100, RateUnit.Second, 20), policy.Limits.Connections);
        Assert.Equal(new RateLimit(6000, RateUnit.Minute, RateLimit.DefaultBurst), policy.Limits.Packets);
        Assert.Equal(new BandwidthLimit(10_000_000, 1_000_000), policy.Limits.BandwidthIn);
        Assert.Equal(new BandwidthLimit(1_500_000_000, 2_000_000), policy.Limits.BandwidthOut);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("~\n")]
    [InlineData("mode: loopback-only\n")]
    [InlineData("mode: none\n")]
    public void Parse_EmptyOrLoopback_IsTheDefaultPolicy(string yaml)
    {
        var result = PolicyLoader.Parse(yaml, "p.yaml");
        Assert.Equal(NetworkPolicy.Default, result.Policy);
        Assert.Equal(PolicyMode.LoopbackOnly, result.Policy.Mode);
        Assert.True(result.Policy.AntiSpoofing);
        Assert.True(result.Policy.Ipv6Hygiene);
        Assert.False(result.Policy.Dns.ResolverAllowed);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("shared", PolicyMode.Host)]
    [InlineData("host", PolicyMode.Host)]
    [InlineData("internal", PolicyMode.Internal)]
    [InlineData("peer-only", PolicyMode.PeerOnly)]
    public void Parse_Mode_ReadsNamesAndAliases(string name, PolicyMode mode) =>
        Assert.Equal(mode, PolicyLoader.Parse($"mode: {name}\ndns: {(mode == PolicyMode.Host ? "false" : "true")}\n", "p.yaml").Policy.Mode);

    [Fact]
    public void Parse_NullValues_MeanLeftOut()
    {
        var policy = PolicyLoader.Parse("mode: private\ndns: true\ningress:\negress: ~\nports: null\nlimits:\n", "p.yaml").Policy;
        Assert.True(policy.Ingress.IsEmpty && policy.Egress.IsEmpty && policy.Ports.IsEmpty && policy.Limits.IsEmpty);
    }

    [Fact]
    public void Parse_EgressPresetShorthand_IsOneRuleWithThePreset()
    {
        var rule = Assert.Single(PolicyLoader.Parse("mode: private\negress: public-internet\n", "p.yaml").Policy.Egress);
        Assert.Equal(new PolicyRule { Presets = [EgressPreset.PublicInternet] }, rule);
        Assert.True(rule.AllowsAllProtocols);
    }

    [Fact]
    public void Parse_PrivateWithoutEgress_Warns()
    {
        var warning = Assert.Single(PolicyLoader.Parse("mode: private\n", "p.yaml").Warnings);
        Assert.Equal("p.yaml:1:1: mode: no egress rule and no dns: in mode private the sandbox can reach nothing (default deny)", warning.ToString());
    }

    [Fact]
    public void Parse_HygieneOffWithoutNetwork_Warns()
    {
        var warning = Assert.Single(PolicyLoader.Parse("mode: host\nipv6-hygiene: false\n", "p.yaml").Warnings);
        Assert.Equal("p.yaml:2:1: ipv6-hygiene: has no effect in mode host", warning.ToString());
    }

    [Fact]
    public void Parse_PhantomFragmentProfile_ReadsNetworkSectionAndWarnsAboutTheRest()
    {
        const string yaml = """
            profile: python-ai-turbo
            runtime:
              memory: 512m
            network:
              mode: private
              dns: true
              egress: public-internet
            filesystem: {readonly: true}
            """;
        var result = PolicyLoader.Parse(yaml, "pf.yaml");
        Assert.Equal("python-ai-turbo", result.ProfileName);
        Assert.Equal(PolicyMode.Private, result.Policy.Mode);
        Assert.Same(EgressPreset.PublicInternet, Assert.Single(Assert.Single(result.Policy.Egress).Presets));
        Assert.Equal(
            [
                "pf.yaml:2:1: runtime: section ignored: ForgeNet reads only the network: section of Phantom Fragment profile 'python-ai-turbo'",
                "pf.yaml:8:1: filesystem: section ignored: ForgeNet reads only the network: section of Phantom Fragment profile 'python-ai-turbo'",
            ],
            result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Parse_PhantomFragmentNetworkError_HasNetworkPath()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("profile: x\nnetwork:\n  mode: private\n  egress:\n    - ports: [0/tcp]\n", "pf.yaml"));
        Assert.Equal("pf.yaml:5:15: network.egress[0].ports[0]: '0/tcp' is not a port (1-65535)", error.Message);
    }

    [Fact]
    public void Parse_PhantomFragmentModelError_HasNetworkPath()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("profile: x\nnetwork:\n  mode: loopback-only\n  ports: [80:80]\n", "pf.yaml"));
        Assert.Equal("pf.yaml:4:3: network.ports: mode loopback-only has no network interface, so there is nothing to publish; remove it, or choose mode private, internal or peer-only", error.Message);
    }

    [Fact]
    public void Parse_PhantomFragmentWithoutNetwork_IsDefaultWithWarning()
    {
        var result = PolicyLoader.Parse("profile: bare\nruntime: {}\n", "pf.yaml");
        Assert.Equal(NetworkPolicy.Default, result.Policy);
        Assert.Contains(result.Warnings, w => w.ToString() == "pf.yaml:1:1: Phantom Fragment profile 'bare' has no network: section; using the default policy (loopback-only)");
    }

    [Fact]
    public void Load_File_UsesThePathInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fnt-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "mode: private\ndns: maybe\n");
        try
        {
            var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(path));
            Assert.Equal($"{path}:2:6: dns: 'maybe' is not a boolean; use true or false", error.Message);
            Assert.Equal((path, 2, 6, "dns"), (error.SourceName, error.Line, error.Column, error.Path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_PolicyBuiltInCode_ReportsCanonicalPathWithoutPosition()
    {
        var policy = new NetworkPolicy
        {
            Mode = PolicyMode.PeerOnly,
            Egress = [new PolicyRule { Peers = [PeerSelector.ByName("db")], Cidrs = [IPNetwork.Parse("192.0.2.0/24")] }],
        };
        var error = Assert.Throws<PolicyException>(() => policy.Validate());
        Assert.Equal("policy: egress[0].to[0]: mode peer-only reaches only the peers its rules name, not 192.0.2.0/24; use {peer: ...} or {labels: ...}, or mode private", error.Message);
        Assert.Equal((0, 0), (error.Line, error.Column));
    }

    [Fact]
    public void Validate_RuleWithoutSelector_IsAnError()
    {
        var policy = new NetworkPolicy { Mode = PolicyMode.Private, Egress = [new PolicyRule()] };
        Assert.Equal("policy: egress[0].to: a rule needs at least one selector", Assert.Throws<PolicyException>(() => policy.Validate()).Message);
    }
}
