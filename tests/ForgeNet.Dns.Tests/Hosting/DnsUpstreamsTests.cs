using System.Net;
using ForgeNet.Dns.Hosting;

namespace ForgeNet.Dns.Tests.Hosting;

public sealed class DnsUpstreamsTests
{
    [Fact]
    public void ParseList_AddressesAndPorts_Endpoints()
    {
        var upstreams = DnsUpstreams.ParseList("192.0.2.53, 198.51.100.1:5353,[2001:db8::53]:5354,2001:db8::1");

        Assert.Equal(
            [new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53), new IPEndPoint(IPAddress.Parse("198.51.100.1"), 5353),
             new IPEndPoint(IPAddress.Parse("2001:db8::53"), 5354), new IPEndPoint(IPAddress.Parse("2001:db8::1"), 53)],
            upstreams);
    }

    [Theory]
    [InlineData("resolver.example")]
    [InlineData("192.0.2.1:x")]
    [InlineData("192.0.2.1:0")]
    public void ParseOne_NotAnAddress_ArgumentExceptionNamingIt(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => DnsUpstreams.ParseOne(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }
}
