using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Tests.Policy;

/// <summary>Each kind of bad policy fails with one PolicyException naming the exact line, column and path.</summary>
public sealed class PolicyErrorTests
{
    public static TheoryData<string, string> ValueErrors => new()
    {
        { "mode: privat\n", "p.yaml:1:7: mode: 'privat' is not a mode (did you mean 'private'?); use one of: loopback-only, private, internal, peer-only, host" },
        { "mode: private\negress:\n  - to: [{cidr: 192.0.2.0/24}]\n    ports: [443/tcp]\n  - to: [{cidr: 192.0.2.0/24}]\n    ports:\n      - 70000/tcp\n",
            "p.yaml:7:9: egress[1].ports[0]: '70000/tcp' is not a port (1-65535)" },
        { "mode: private\nanti_spoofing: false\n", "p.yaml:2:1: anti_spoofing: unknown key 'anti_spoofing' (did you mean 'anti-spoofing'?); expected one of: version, description, mode, dns, anti-spoofing, ipv6-hygiene, ingress, egress, ports, limits" },
        { "mode: private\negress:\n  - to: [{cidr: 10.1.2.3/16}]\n", "p.yaml:3:17: egress[0].to[0].cidr: '10.1.2.3/16' has host bits set; the network is 10.1.0.0/16" },
        { "mode: private\negress:\n  - to: [10.0.0.0/33]\n", "p.yaml:3:10: egress[0].to[0]: '10.0.0.0/33' has a prefix length longer than 32" },
        { "mode: private\negress:\n  - to: [pypi.org]\n", "p.yaml:3:10: egress[0].to[0]: 'pypi.org' is not a CIDR; write {domain: pypi.org} for a DNS name, or {peer: pypi.org} for a sandbox" },
        { "mode: private\negress:\n  - ports: [8/icmp]\n", "p.yaml:3:13: egress[0].ports[0]: '8/icmp': icmp has no ports; list icmp types under 'icmp:' instead" },
        { "mode: private\negress:\n  - ports: [80/tpc]\n", "p.yaml:3:13: egress[0].ports[0]: '80/tpc': unknown protocol 'tpc' (did you mean 'tcp'?); ports are tcp or udp" },
        { "mode: private\negress:\n  - ports: [90-80/tcp]\n", "p.yaml:3:13: egress[0].ports[0]: '90-80/tcp' is not a port range: it ends before it starts" },
        { "mode: private\negress:\n  - ports: [443, 443/tcp]\n", "p.yaml:3:18: egress[0].ports[1]: '443/tcp' is listed twice" },
        { "mode: private\negress:\n  - icmp: [echo-requset]\n", "p.yaml:3:12: egress[0].icmp[0]: 'echo-requset' is not an icmp type (did you mean 'echo-request'?); use a name such as echo-request or a number 0-255" },
        { "mode: private\ningress:\n  - to: [{cidr: 192.0.2.0/24}]\n", "p.yaml:3:5: ingress[0].to: ingress rules name the remote end with 'from', not 'to'" },
        { "mode: private\negress:\n  - to:\n      - {cidr: 192.0.2.0/24, peer: web}\n", "p.yaml:4:30: egress[0].to[0].peer: a selector has exactly one key; give 'peer' its own list item" },
        { "mode: private\negress:\n  - to: []\n", "p.yaml:3:9: egress[0].to: an empty 'to' matches nothing; leave 'to' out to match every address" },
        { "mode: private\negress:\n  - to:\n    ports: [443]\n", "p.yaml:3:8: egress[0].to: an empty 'to' matches nothing; leave 'to' out to match every address" },
        { "mode: private\negress:\n  - to: [192.0.2.1]\n    ports: []\n", "p.yaml:4:12: egress[0].ports: an empty 'ports' would allow every protocol; leave 'ports' out for that, or list what to allow, e.g. [443/tcp, 8000-8100/udp]" },
        { "mode: private\negress:\n  - to: [192.0.2.1]\n    icmp:\n", "p.yaml:4:10: egress[0].icmp: an empty 'icmp' would allow every protocol; leave 'icmp' out for that, or list what to allow, e.g. [echo-request]" },
        { "mode: private\negress:\n  - to: [{}]\n", "p.yaml:3:10: egress[0].to[0]: a selector needs one key: cidr, peer, labels, domain, preset" },
        { "mode: private\negress:\n  - to: [{peer: -web}]\n", "p.yaml:3:17: egress[0].to[0].peer: '-web' is not a sandbox name: use 1-63 characters from [a-zA-Z0-9_.-], starting with a letter or digit" },
        { "mode: private\negress:\n  - to: [{labels: {app: 'a b'}}]\n", "p.yaml:3:25: egress[0].to[0].labels.app: 'a b' is not a label value: up to 63 characters from [a-zA-Z0-9_.-], starting and ending with a letter or digit" },
        { "mode: private\ndns: true\negress:\n  - to: [{domain: 'pypi.*.org'}]\n", "p.yaml:4:19: egress[0].to[0].domain: 'pypi.*.org' is not a domain pattern: '*' may only stand alone as the first label, as in *.example.com" },
        { "mode: private\ndns: true\negress:\n  - to: [{domain: '*.org'}]\n", "p.yaml:4:19: egress[0].to[0].domain: '*.org' would match every name under a top-level domain; name a domain below it" },
        { "mode: private\negress: public-web\n", "p.yaml:2:9: egress: 'public-web' is not a preset; egress is a list of rules, or the preset public-internet" },
        { "mode: private\ndns: yes\n", "p.yaml:2:6: dns: 'yes' is not a boolean; use true or false" },
        { "version: 2\n", "p.yaml:1:10: version: unsupported version '2'; this ForgeNet reads version 1" },
        { "mode: private\nports:\n  - 8000-8010:9000-9001/tcp\n", "p.yaml:3:5: ports[0]: '8000-8010:9000-9001/tcp': the host range has 11 ports and the sandbox range 2; they must be equal" },
        { "mode: private\nports:\n  - 80\n", "p.yaml:3:5: ports[0]: '80' is not a port mapping: write HOST:SANDBOX, e.g. 8080:80/tcp or 127.0.0.1:8080:80/tcp" },
        { "mode: private\nports:\n  - 1.2.3:80:80\n", "p.yaml:3:5: ports[0]: '1.2.3:80:80': '1.2.3' is not an IP address" },
        { "mode: private\nports: [8080:80/icmp]\n", "p.yaml:2:9: ports[0]: '8080:80/icmp': 'icmp' is not a protocol that can be published; use tcp or udp" },
        { "mode: private\nlimits:\n  bandwidth:\n    out: 10mbps\n", "p.yaml:4:10: limits.bandwidth.out: '10mbps' is ambiguous: tc reads 'mbps' as bytes per second (80mbit); write bits, e.g. 10mbit" },
        { "mode: private\nlimits:\n  bandwidth:\n    in: 100\n", "p.yaml:4:9: limits.bandwidth.in: '100' needs a unit, e.g. 100mbit (tc alone would read a bare number as bytes per second)" },
        { "mode: private\nlimits:\n  bandwidth:\n    in: {rate: 10mbit, burst: 1kbit}\n", "p.yaml:4:31: limits.bandwidth.in.burst: a burst of 1kbit cannot hold one 1500-byte packet; use at least 12kbit" },
        { "mode: private\nlimits:\n  bandwidth:\n    in: {burst: 1mbit}\n", "p.yaml:4:9: limits.bandwidth.in: a bandwidth limit needs a rate, e.g. {rate: 10mbit, burst: 1mbit}" },
        { "mode: private\nlimits:\n  connections: 10/fortnight\n", "p.yaml:3:16: limits.connections: '10/fortnight': 'fortnight' is not a period; use second, minute, hour or day" },
        { "mode: private\nlimits:\n  packets: {rate: 0/second}\n", "p.yaml:3:19: limits.packets.rate: '0/second' is not a rate: write a whole number of at least 1 and a period, e.g. 100/second" },
        { "mode: private\nlimits:\n  packets: {rate: 10/second, burst: -1}\n", "p.yaml:3:37: limits.packets.burst: '-1' is not a burst: write a whole number of at least 1" },
        { "mode: private\negress: {to: [192.0.2.1]}\n", "p.yaml:2:9: egress: expected a list, e.g. [{to: [{cidr: 192.0.2.0/24}], ports: [443/tcp]}], not a mapping" },
        { "- mode: private\n", "p.yaml:1:1: expected a mapping (key: value), not a list" },
    };

    public static TheoryData<string, string> ModelErrors => new()
    {
        { "mode: loopback-only\negress:\n  - to: [192.0.2.1]\n", "p.yaml:2:1: egress: mode loopback-only has no network interface; remove it, or choose mode private, internal or peer-only" },
        { "egress:\n  - ports: [443/tcp]\n", "p.yaml:1:1: egress: mode loopback-only has no network interface; remove it, or choose mode private, internal or peer-only" },
        { "mode: none\ndns: true\n", "p.yaml:2:1: dns: mode loopback-only has no network interface, so there is no resolver to allow; remove it, or choose mode private, internal or peer-only" },
        { "mode: host\ningress:\n  - ports: [22/tcp]\n", "p.yaml:2:1: ingress: mode host runs in the host's own network and cannot be filtered; remove it, or choose mode private, internal or peer-only" },
        { "mode: shared\nports: [8080:80]\n", "p.yaml:2:1: ports: mode host runs in the host's own network and cannot be filtered, so there is nothing to publish; remove it, or choose mode private, internal or peer-only" },
        { "mode: host\negress:\n  - to: [192.0.2.1]\n", "p.yaml:2:1: egress: mode host runs in the host's own network and cannot be filtered; remove it, or choose mode private, internal or peer-only" },
        { "mode: host\ndns: true\n", "p.yaml:2:1: dns: mode host runs in the host's own network and cannot be filtered, so there is no resolver to allow; remove it, or choose mode private, internal or peer-only" },
        { "mode: host\nlimits:\n  packets: 10/second\n", "p.yaml:2:1: limits: mode host runs in the host's own network and cannot be filtered, so there is nothing to limit; remove it, or choose mode private, internal or peer-only" },
        { "mode: internal\nports:\n  - 8080:80/tcp\n", "p.yaml:2:1: ports: published ports need mode private: mode internal has no route to or from outside the host" },
        { "mode: private\nports:\n  - 8080:80/tcp\n  - 127.0.0.1:8080:8080/tcp\n", "p.yaml:4:5: ports[1]: '127.0.0.1:8080:8080/tcp': host port 8080/tcp is already published by ports[0] ('8080:80/tcp')" },
        { "mode: private\nports:\n  - 8000-8010:8000-8010/udp\n  - 0.0.0.0:8005:53/udp\n", "p.yaml:4:5: ports[1]: '0.0.0.0:8005:53/udp': host port 8005/udp is already published by ports[0] ('8000-8010:8000-8010/udp')" },
        { "mode: peer-only\negress:\n  - to:\n      - peer: db\n      - cidr: 192.0.2.0/24\n", "p.yaml:5:9: egress[0].to[1]: mode peer-only reaches only the peers its rules name, not 192.0.2.0/24; use {peer: ...} or {labels: ...}, or mode private" },
        { "mode: peer-only\negress:\n  - ports: [5432/tcp]\n", "p.yaml:3:5: egress[0].to[0]: mode peer-only reaches only the peers its rules name, not 0.0.0.0/0 (a rule without 'to' matches every address); use {peer: ...} or {labels: ...}, or mode private" },
        { "mode: private\negress:\n  - to:\n      - 192.0.2.1\n      - domain: pypi.org\n", "p.yaml:5:9: egress[0].to[1]: domain 'pypi.org' needs dns: true: its addresses are learnt from the network's resolver" },
        { "mode: private\ndns: true\ningress:\n  - from: [{domain: pypi.org}]\n", "p.yaml:4:12: ingress[0].from[0]: domain 'pypi.org': domains select destinations, so they belong in egress rules" },
        { "mode: private\ningress:\n  - from: [public-internet]\n", "p.yaml:3:12: ingress[0].from[0]: preset 'public-internet' selects destinations, so it belongs in egress rules" },
        { "mode: internal\negress: public-internet\n", "p.yaml:2:1: egress: preset 'public-internet': mode internal has no route off the host; it needs mode private" },
        { "mode: internal\ndns: true\negress:\n  - to: [{domain: pypi.org}]\n", "p.yaml:4:10: egress[0].to[0]: domain 'pypi.org': mode internal has no route off the host; domains need mode private" },
        { "mode: private\negress:\n  - protocols: [tcp]\n    ports: [443/tcp, 53/udp]\n", "p.yaml:4:13: egress[0].ports[0]: '443/tcp': tcp is already allowed on every port by protocols" },
        { "mode: private\negress:\n  - protocols: [icmpv6]\n    icmpv6: [echo-request]\n", "p.yaml:4:14: egress[0].icmpv6[0]: 'echo-request': every icmpv6 type is already allowed by protocols" },
    };

    [Theory]
    [MemberData(nameof(ValueErrors))]
    [MemberData(nameof(ModelErrors))]
    public void Parse_InvalidPolicy_ThrowsWithLineColumnAndPath(string yaml, string expected)
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Parse_InvalidYaml_ThrowsWithTheParsersPosition()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("mode: private\negress: [{to: [1.2.3.4]}\n", "p.yaml"));
        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.StartsWith("p.yaml:3:1: invalid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_Throws()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("mode: private\nmode: host\n", "p.yaml"));
        Assert.Equal("p.yaml:2:1: invalid YAML: Duplicate key mode", error.Message);
    }

    [Fact]
    public void Parse_TwoDocuments_Throws()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("mode: private\n---\nmode: host\n", "p.yaml"));
        Assert.Equal("p.yaml:3:1: expected one YAML document, found several (remove the second '---')", error.Message);
    }

    [Fact]
    public void Parse_AliasBomb_ThrowsTooLargeQuickly()
    {
        // 20,000 aliases of one rule: small text, but far more values than a policy may hold.
        var bomb = "mode: private\negress:\n  - &r {ports: &p [1/tcp, 2/tcp, 3/tcp, 4/tcp, 5/tcp, 6/tcp, 7/tcp, 8/tcp, 9/tcp, 10/tcp]}\n";
        bomb += "  - " + string.Join("\n  - ", Enumerable.Repeat("*r", 20_000)) + "\n";
        var tooLarge = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(bomb, "p.yaml"));
        Assert.Contains("the policy is too large", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsPolicyException()
    {
        var path = Path.Combine(Path.GetTempPath(), "fnt-missing-" + Guid.NewGuid().ToString("N") + ".yaml");
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(path));
        Assert.StartsWith($"{path}: cannot read the policy: ", error.Message, StringComparison.Ordinal);
    }
}
