using System.Net;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Tests.Policy;

/// <summary>The value types' own parsers and rules, used by the loader and usable from CLI flags.</summary>
public sealed class PolicyValueTests
{
    [Theory]
    [InlineData("443", TransportProtocol.Tcp, 443, 443, "443/tcp")]
    [InlineData("53/udp", TransportProtocol.Udp, 53, 53, "53/udp")]
    [InlineData("1-65535/tcp", TransportProtocol.Tcp, 1, 65535, "1-65535/tcp")]
    [InlineData("8000-8000/udp", TransportProtocol.Udp, 8000, 8000, "8000/udp")]
    public void PortRange_TryParse_Valid(string text, TransportProtocol protocol, int first, int last, string canonical)
    {
        Assert.True(PortRange.TryParse(text, out var range, out var error), error);
        Assert.Equal((protocol, first, last, canonical), (range.Protocol, range.First, range.Last, range.ToString()));
    }

    [Theory]
    [InlineData("0/tcp", "'0/tcp' is not a port (1-65535)")]
    [InlineData("65536", "'65536' is not a port (1-65535)")]
    [InlineData("-1", "'-1' is not a port range (1-65535, e.g. 8000-8100)")]
    [InlineData("80-", "'80-' is not a port range (1-65535, e.g. 8000-8100)")]
    [InlineData("+80", "'+80' is not a port (1-65535)")]
    [InlineData(" 80", "' 80' is not a port (1-65535)")]
    [InlineData("80/", "'80/': unknown protocol ''; ports are tcp or udp")]
    [InlineData("80/TCP", "'80/TCP': unknown protocol 'TCP' (did you mean 'tcp'?); ports are tcp or udp")]
    [InlineData("0/icmpv6", "'0/icmpv6': icmpv6 has no ports; list icmpv6 types under 'icmpv6:' instead")]
    public void PortRange_TryParse_Invalid(string text, string expected)
    {
        Assert.False(PortRange.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void PortRange_Overlaps_OnlySameProtocolAndSharedPort()
    {
        var web = new PortRange(TransportProtocol.Tcp, 8000, 8010);
        Assert.True(web.Overlaps(new PortRange(TransportProtocol.Tcp, 8010, 9000)));
        Assert.False(web.Overlaps(new PortRange(TransportProtocol.Tcp, 8011, 9000)));
        Assert.False(web.Overlaps(new PortRange(TransportProtocol.Udp, 8000)));
        Assert.Throws<ArgumentException>(() => new PortRange(TransportProtocol.Icmp, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PortRange(TransportProtocol.Tcp, 10, 9));
    }

    [Theory]
    [InlineData("8080:80", null, "8080/tcp", "80/tcp")]
    [InlineData("0.0.0.0:53:5353/udp", "0.0.0.0", "53/udp", "5353/udp")]
    [InlineData("[2001:db8::1]:443:8443/tcp", "2001:db8::1", "443/tcp", "8443/tcp")]
    [InlineData("[::]:80:80", "::", "80/tcp", "80/tcp")]
    [InlineData("9000-9009:10000-10009/udp", null, "9000-9009/udp", "10000-10009/udp")]
    public void PortMapping_TryParse_Valid(string text, string? address, string host, string sandbox)
    {
        Assert.True(PortMapping.TryParse(text, out var mapping, out var error), error);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), mapping.HostAddress);
        Assert.Equal((host, sandbox), (mapping.HostPorts.ToString(), mapping.SandboxPorts.ToString()));
        Assert.True(PortMapping.TryParse(mapping.ToString(), out var again, out _));
        Assert.Equal(mapping, again);
    }

    [Theory]
    [InlineData(":80", "':80': the host port is missing; ForgeNet does not pick one at random")]
    [InlineData("127.0.0.1::80", "'127.0.0.1::80': the host port is missing; ForgeNet does not pick one at random")]
    [InlineData("::1:80:80", "'::1:80:80' is not a port mapping: write HOST:SANDBOX, e.g. 8080:80/tcp or 127.0.0.1:8080:80/tcp")]
    [InlineData("[::1:80:80", "'[::1:80:80': an IPv6 host address is written [addr]:HOST:SANDBOX")]
    [InlineData("224.0.0.1:80:80", "'224.0.0.1:80:80': '224.0.0.1' is a multicast or broadcast address; publish on a unicast address")]
    [InlineData("[::ffff:10.0.0.1]:80:80", "'[::ffff:10.0.0.1]:80:80': '::ffff:10.0.0.1' is an IPv4-mapped IPv6 address; write the IPv4 address")]
    [InlineData("[fe80::1%eth0]:80:80", "'[fe80::1%eth0]:80:80': 'fe80::1%eth0' is not an IP address")]
    [InlineData("8080:0", "'8080:0': sandbox port '0' is not a port (1-65535)")]
    [InlineData("x:80", "'x:80': host port 'x' is not a port (1-65535)")]
    public void PortMapping_TryParse_Invalid(string text, string expected)
    {
        Assert.False(PortMapping.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("8080:80", "127.0.0.1:8080:81", true)]
    [InlineData("0.0.0.0:8080:80", "127.0.0.1:8080:80", true)]
    [InlineData("[::]:8080:80", "127.0.0.1:8080:80", false)]
    [InlineData("127.0.0.1:8080:80", "127.0.0.2:8080:80", false)]
    [InlineData("8080:80/tcp", "8080:80/udp", false)]
    [InlineData("8000-8010:8000-8010", "8010:80", true)]
    public void PortMapping_ConflictsWith(string a, string b, bool conflicts)
    {
        Assert.True(PortMapping.TryParse(a, out var first, out _));
        Assert.True(PortMapping.TryParse(b, out var second, out _));
        Assert.Equal(conflicts, first.ConflictsWith(second));
        Assert.Equal(conflicts, second.ConflictsWith(first));
    }

    [Theory]
    [InlineData("1bit", 1UL, "1bit")]
    [InlineData("500kbit", 500_000UL, "500kbit")]
    [InlineData("10Mbit", 10_000_000UL, "10mbit")]
    [InlineData("1gbit", 1_000_000_000UL, "1gbit")]
    [InlineData("1.5gbit", 1_500_000_000UL, "1500mbit")]
    [InlineData("2tbit", 2_000_000_000_000UL, "2tbit")]
    [InlineData("64kibit", 65_536UL, "65536bit")]
    [InlineData("1mibit", 1_048_576UL, "1048576bit")]
    public void BandwidthLimit_TryParseBits_Valid(string text, ulong bits, string canonical)
    {
        Assert.True(BandwidthLimit.TryParseBits(text, out var parsed, out var error), error);
        Assert.Equal(bits, parsed);
        Assert.Equal(canonical, BandwidthLimit.FormatBits(parsed));
    }

    [Theory]
    [InlineData("mbit", "'mbit' is not a bandwidth: write a number and a unit, e.g. 10mbit")]
    [InlineData("1.5bit", "'1.5bit' is not a whole number of bits from 1bit")]
    [InlineData("0mbit", "'0mbit' is not a whole number of bits from 1bit")]
    [InlineData("10 mbit", "'10 mbit': unknown unit ' mbit' (did you mean 'mbit'?); use bit, kbit, mbit, gbit or tbit")]
    [InlineData("10mbits", "'10mbits': unknown unit 'mbits' (did you mean 'mbit'?); use bit, kbit, mbit, gbit or tbit")]
    [InlineData("1kbps", "'1kbps' is ambiguous: tc reads 'kbps' as bytes per second (8kbit); write bits, e.g. 1kbit")]
    [InlineData("99999999999999999tbit", "'99999999999999999tbit' is not a bandwidth: write a number and a unit, e.g. 10mbit")]
    [InlineData("20000000tbit", "'20000000tbit' is not a whole number of bits from 1bit")]
    public void BandwidthLimit_TryParseBits_Invalid(string text, string expected)
    {
        Assert.False(BandwidthLimit.TryParseBits(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void BandwidthLimit_DefaultBurst_IsATenthOfASecondWithAFloor()
    {
        Assert.Equal(1_000_000UL, new BandwidthLimit(10_000_000).BurstBits);
        Assert.Equal(BandwidthLimit.DefaultBurstFloorBits, new BandwidthLimit(500_000).BurstBits);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BandwidthLimit(10_000_000, 1_000));
    }

    [Theory]
    [InlineData("100", 100U, RateUnit.Second)]
    [InlineData("100/s", 100U, RateUnit.Second)]
    [InlineData("6000/minute", 6000U, RateUnit.Minute)]
    [InlineData("1/h", 1U, RateUnit.Hour)]
    [InlineData("24/day", 24U, RateUnit.Day)]
    public void RateLimit_TryParseRate_Valid(string text, uint rate, RateUnit unit)
    {
        Assert.True(RateLimit.TryParseRate(text, out var parsed, out var per, out var error), error);
        Assert.Equal((rate, unit), (parsed, per));
    }

    [Fact]
    public void RateLimit_PerSecond_ScalesByPeriod() =>
        Assert.Equal(100.0, new RateLimit(6000, RateUnit.Minute).PerSecond, 6);

    [Theory]
    [InlineData("pypi.org", "pypi.org", true)]
    [InlineData("PyPI.org.", "pypi.org", true)]
    [InlineData("pypi.org", "www.pypi.org", false)]
    [InlineData("*.pythonhosted.org", "files.pythonhosted.org", true)]
    [InlineData("*.pythonhosted.org", "a.b.pythonhosted.org.", true)]
    [InlineData("*.pythonhosted.org", "pythonhosted.org", false)]
    [InlineData("*.pythonhosted.org", "evilpythonhosted.org", false)]
    [InlineData("_acme-challenge.example.com", "_ACME-challenge.example.com", true)]
    public void DomainPattern_Matches(string pattern, string host, bool matches)
    {
        Assert.True(DomainPattern.TryParse(pattern, out var parsed, out var error), error);
        Assert.Equal(matches, parsed.Matches(host));
    }

    [Theory]
    [InlineData("localhost", "'localhost' is not a domain name: it needs at least two labels")]
    [InlineData("-bad.example.com", "'-bad.example.com' is not a domain name")]
    [InlineData("a..b", "'a..b' is not a domain name")]
    [InlineData("**.example.com", "'**.example.com' is not a domain pattern: '*' may only stand alone as the first label, as in *.example.com")]
    [InlineData("192.0.2.1", "'192.0.2.1' is an address, not a domain name; write it as a cidr")]
    public void DomainPattern_TryParse_Invalid(string text, string expected)
    {
        Assert.False(DomainPattern.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("192.0.2.1", "192.0.2.1/32")]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    [InlineData("::1", "::1/128")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void IpText_TryParseNetwork_Valid(string text, string canonical)
    {
        Assert.True(IpText.TryParseNetwork(text, out var network, out var error), error);
        Assert.Equal(canonical, network.ToString());
    }

    [Theory]
    [InlineData("10/8", "'10/8' is not a CIDR (e.g. 10.0.0.0/8 or 2001:db8::/32)")]
    [InlineData("10.1", "'10.1' is not a CIDR (e.g. 10.0.0.0/8 or 2001:db8::/32)")]
    [InlineData("256.0.0.0/8", "'256.0.0.0/8' is not a CIDR (e.g. 10.0.0.0/8 or 2001:db8::/32)")]
    [InlineData("10.0.0.0/-1", "'10.0.0.0/-1' is not a CIDR (e.g. 10.0.0.0/8 or 2001:db8::/32)")]
    [InlineData("fe80::1%eth0/64", "'fe80::1%eth0/64' is not a CIDR (e.g. 10.0.0.0/8 or 2001:db8::/32)")]
    [InlineData("2001:db8::1/32", "'2001:db8::1/32' has host bits set; the network is 2001:db8::/32")]
    [InlineData("::ffff:10.0.0.0/104", "'::ffff:10.0.0.0/104' is an IPv4-mapped IPv6 address; write the IPv4 form")]
    [InlineData("::/129", "'::/129' has a prefix length longer than 128")]
    public void IpText_TryParseNetwork_Invalid(string text, string expected)
    {
        Assert.False(IpText.TryParseNetwork(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("198.18.0.1", true)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.100.100.200", false)]
    [InlineData("10.255.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("127.0.0.53", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("fe80::1", false)]
    [InlineData("ff02::1", false)]
    public void EgressPreset_PublicInternet_DecidesOnTheDestination(string address, bool allowed) =>
        Assert.Equal(allowed, EgressPreset.PublicInternet.Allows(IPAddress.Parse(address)));

    [Fact]
    public void EgressPreset_PublicInternet_AlsoDeniesHostAndSandboxAddresses()
    {
        Assert.True(EgressPreset.PublicInternet.DeniesHostAddresses);
        Assert.True(EgressPreset.PublicInternet.DeniesSandboxNetworks);
        Assert.Same(EgressPreset.PublicInternet, EgressPreset.Find("public-internet"));
        Assert.Null(EgressPreset.Find("internet"));
    }

    [Fact]
    public void PeerSelector_ByLabels_SortsAndValidates()
    {
        var selector = PeerSelector.ByLabels([new("tier", "db"), new("app", "pg")]);
        Assert.Equal([new Label("app", "pg"), new Label("tier", "db")], selector.Labels);
        Assert.Equal(selector, PeerSelector.ByLabels([new("app", "pg"), new("tier", "db")]));
        Assert.Throws<ArgumentException>(() => PeerSelector.ByLabels([new("app", "a"), new("app", "b")]));
        Assert.Throws<ArgumentException>(() => PeerSelector.ByLabels([]));
        Assert.Throws<ArgumentException>(() => PeerSelector.ByName("no spaces"));
    }

    [Theory]
    [InlineData("anti_spoofing", "anti-spoofing")]
    [InlineData("antiSpoofing", "anti-spoofing")]
    [InlineData("egres", "egress")]
    [InlineData("limit", "limits")]
    [InlineData("xyz", null)]
    public void Spelling_Closest_SuggestsOnlyPlausibleKeys(string input, string? expected) =>
        Assert.Equal(expected, Spelling.Closest(input, PolicyParser.PolicyKeys));

    [Fact]
    public void EquatableArray_ComparesByElements()
    {
        EquatableArray<int> a = [1, 2, 3];
        EquatableArray<int> b = [1, 2, 3];
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, [1, 2]);
        Assert.Equal(default, EquatableArray<int>.Empty);
        Assert.Empty(default(EquatableArray<int>));
    }

    [Theory]
    [InlineData("web-1", "web-1")]
    [InlineData("null", "\"null\"")]
    [InlineData("Off", "\"Off\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("8080:80/tcp", "8080:80/tcp")]
    [InlineData("[::1]:80:80/tcp", "\"[::1]:80:80/tcp\"")]
    [InlineData("*.example.org", "\"*.example.org\"")]
    [InlineData("a:", "\"a:\"")]
    [InlineData("", "\"\"")]
    public void YamlText_Scalar_QuotesOnlyWhatNeedsIt(string text, string expected) =>
        Assert.Equal(expected, YamlText.Scalar(text));
}
