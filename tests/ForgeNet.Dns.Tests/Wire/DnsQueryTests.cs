using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Tests.Wire;

public class DnsQueryTests
{
    // dig +bufsize=1232 +dnssec example.com A: id 0xb0d5, RD and AD, an OPT with DO and a client cookie option.
    private const string DigQuery =
        "b0d501200001000000000001" + "076578616d706c6503636f6d0000010001" + "00002904d000008000000c" + "000a00080102030405060708";

    [Fact]
    public void TryParse_CapturedDigQueryWithCookie_QuestionAndEdns()
    {
        var packet = Convert.FromHexString(DigQuery);

        var query = DnsQuery.TryParse(packet, out var rcode);

        Assert.NotNull(query);
        Assert.Equal(DnsType.NoError, rcode);
        Assert.Equal(0xb0d5, query.Id);
        Assert.Equal("example.com", query.Name);
        Assert.Equal(DnsType.A, query.Type);
        Assert.True(query.HasEdns);
        Assert.Equal(1232, query.UdpSize);
        Assert.True(query.DnssecOk);
        Assert.True(query.RecursionDesired);
        Assert.Null(query.LoopNonce);
    }

    [Fact]
    public void TryParse_Response_NoAnswerAtAll()
    {
        var packet = Packets.Query("a.example", DnsType.A);
        packet[2] |= 0x80;

        Assert.Null(DnsQuery.TryParse(packet, out var rcode));
        Assert.Equal(-1, rcode);
    }

    [Fact]
    public void TryParse_TwoQuestions_FormErr()
    {
        var packet = Packets.Query("a.example", DnsType.A);
        packet[5] = 2;

        Assert.Null(DnsQuery.TryParse(packet, out var rcode));
        Assert.Equal(DnsType.FormErr, rcode);
    }

    [Fact]
    public void TryParse_OptRecordLongerThanThePacket_FormErr()
    {
        var packet = Packets.Query("a.example", DnsType.A, edns: 1232);
        packet[^1] = 200; // rdlength 200, nothing follows

        Assert.Null(DnsQuery.TryParse(packet, out var rcode));
        Assert.Equal(DnsType.FormErr, rcode);
    }

    [Fact]
    public void TryParse_SmallAdvertisedUdpSize_Raisedto512()
    {
        var query = DnsQuery.TryParse(Packets.Query("a.example", DnsType.A, edns: 100), out _);

        Assert.Equal(512, query!.UdpSize);
    }
}
