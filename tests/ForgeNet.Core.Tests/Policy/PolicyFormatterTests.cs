using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Tests.Policy;

public sealed class PolicyFormatterTests
{
    private const string EveryKeyCanonical = """
        version: 1
        description: "every key"
        mode: private
        dns: true
        anti-spoofing: false
        ipv6-hygiene: false
        ingress:
          - description: "office"
            from:
              - {cidr: 198.51.100.0/24}
              - {peer: web-1}
              - {labels: {app: web, example.com/tier: front}}
            ports: [22/tcp, 8000-8100/udp]
            icmp: [echo-request, timestamp-request]
            icmpv6: [packet-too-big]
        egress:
          - to:
              - {cidr: "2001:db8::/32"}
              - {cidr: 192.0.2.7/32}
              - {domain: pypi.org}
              - {domain: "*.pythonhosted.org"}
              - {preset: public-internet}
            protocols: [udp, icmp]
            ports: [443/tcp]
          - to:
              - {cidr: 0.0.0.0/0}
              - {cidr: "::/0"}
            ports: [53/tcp]
        ports:
          - 8080:80/tcp
          - 127.0.0.1:9090:9090/tcp
          - "[::1]:5353:53/udp"
          - 60000-60002:61000-61002/udp
        limits:
          connections: {rate: 100/second, burst: 20}
          packets: {rate: 6000/minute, burst: 5}
          bandwidth:
            in: {rate: 10mbit, burst: 1mbit}
            out: {rate: 1500mbit, burst: 2mbit}

        """;

    [Fact]
    public void Format_EveryKey_IsTheGoldenCanonicalForm()
    {
        var policy = PolicyLoader.Parse(PolicyLoaderTests.EveryKey, "p.yaml").Policy;
        Assert.Equal(EveryKeyCanonical, PolicyFormatter.Format(policy));
        Assert.Equal(EveryKeyCanonical, policy.ToString());
    }

    [Fact]
    public void Format_Default_IsVersionAndModeOnly() =>
        Assert.Equal("version: 1\nmode: loopback-only\n", NetworkPolicy.Default.ToString());

    [Fact]
    public void Format_NetworkModeWithoutRules_SpellsOutEveryDefault() =>
        Assert.Equal(
            "version: 1\nmode: internal\ndns: false\nanti-spoofing: true\nipv6-hygiene: true\ningress: []\negress: []\n",
            PolicyLoader.Parse("mode: internal", "p.yaml").Policy.ToString());

    [Fact]
    public void Format_Description_EscapesWhatYamlCannotHoldPlain()
    {
        var policy = NetworkPolicy.Default with { Description = "a \"quoted\" \\ line\nnext\ttab \u0001 \u2028 é" };
        var text = policy.ToString();
        Assert.Contains("description: \"a \\\"quoted\\\" \\\\ line\\nnext\\ttab \\u0001 \\u2028 é\"", text, StringComparison.Ordinal);
        Assert.Equal(policy, PolicyLoader.Parse(text, "p.yaml").Policy);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("123")]
    [InlineData("1e3")]
    [InlineData("No")]
    public void Format_PeerNamesThatLookTyped_AreQuotedAndRoundTrip(string name)
    {
        var policy = PolicyLoader.Parse($"mode: peer-only\negress:\n  - to: [{{peer: \"{name}\"}}, {{labels: {{k: \"{name}\"}}}}]\n", "p.yaml").Policy;
        Assert.Equal(name, policy.Egress[0].Peers[0].Name);
        Assert.Contains($"{{peer: \"{name}\"}}", policy.ToString(), StringComparison.Ordinal);
        Assert.Equal(policy, PolicyLoader.Parse(policy.ToString(), "p.yaml").Policy);
    }

    [Fact]
    public void Format_EmptyLabelValue_RoundTrips()
    {
        var policy = PolicyLoader.Parse("mode: peer-only\negress:\n  - to: [{labels: {gpu: ''}}]\n", "p.yaml").Policy;
        Assert.Contains("{labels: {gpu: \"\"}}", policy.ToString(), StringComparison.Ordinal);
        Assert.Equal(policy, PolicyLoader.Parse(policy.ToString(), "p.yaml").Policy);
    }

    [Fact]
    public void RoundTrip_EveryKey_ParsesToAnEqualPolicy()
    {
        var policy = PolicyLoader.Parse(PolicyLoaderTests.EveryKey, "p.yaml").Policy;
        var again = PolicyLoader.Parse(policy.ToString(), "canonical.yaml").Policy;
        Assert.Equal(policy, again);
        Assert.Equal(policy.GetHashCode(), again.GetHashCode());
    }

    [Fact]
    public void Equality_DifferentPolicies_AreNotEqual()
    {
        var policy = PolicyLoader.Parse(PolicyLoaderTests.EveryKey, "p.yaml").Policy;
        var changed = PolicyLoader.Parse(PolicyLoaderTests.EveryKey.Replace("[443/tcp]", "[444/tcp]", StringComparison.Ordinal), "p.yaml").Policy;
        Assert.NotEqual(policy, changed);
        Assert.NotEqual(policy, policy with { Ports = [] });
    }

    [Fact]
    public void FormatRule_IsOneFlowLine() =>
        Assert.Equal("{description: \"web\", to: [{cidr: 192.0.2.0/24}, {domain: pypi.org}], ports: [443/tcp]}",
            PolicyLoader.Parse("mode: private\ndns: true\negress:\n  - description: web\n    to: [192.0.2.0/24, {domain: pypi.org}]\n    ports: [443]\n", "p.yaml").Policy.Egress[0].ToString());
}
