namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Policies with domain rules for the compiler and <c>DomainEgress</c> tests.</summary>
internal static class DomainSamples
{
    /// <summary>Two domain rules (one with a CIDR beside its domain, one with ICMP), and a plain CIDR rule.</summary>
    public const string Yaml = """
        version: 1
        mode: private
        dns: true
        egress:
          - description: "python packages"
            to: [{domain: pypi.org}, {domain: "*.pythonhosted.org"}]
            ports: [443/tcp]
          - to: [192.0.2.0/24, {domain: api.example.com}]
            ports: [8443/tcp]
            icmp: [echo-request]
          - to: [198.51.100.0/24]
            ports: [22/tcp]
        """;
}
