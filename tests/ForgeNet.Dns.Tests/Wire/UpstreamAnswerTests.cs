using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Tests.Wire;

public class UpstreamAnswerTests
{
    private static readonly byte[] Question = [.. Packets.Name("www.example.org"), 0, 1, 0, 1];

    // A response with compression: www.example.org CNAME example.org (ttl 300), example.org A 93.184.216.34 (ttl 60).
    private static byte[] Response(ushort id = 7, string question = "www.example.org") =>
    [
        .. Packets.U16(id), 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0,
        .. Packets.Name(question), 0, 1, 0, 1,
        0xC0, 12, 0, 5, 0, 1, .. Packets.U32(300), 0, 2, 0xC0, 16,
        0xC0, 16, 0, 1, 0, 1, .. Packets.U32(60), 0, 4, 93, 184, 216, 34,
    ];

    [Fact]
    public void TryParse_CnameToCompressedTarget_FinalAddressAndSmallestTtl()
    {
        var answer = UpstreamAnswer.TryParse(Response(), 7, Question);

        Assert.NotNull(answer);
        Assert.Equal("93.184.216.34", Assert.Single(answer.Addresses).ToString());
        Assert.Equal(60u, answer.Ttl);
        Assert.Equal(2, answer.TtlOffsets.Count);
    }

    [Fact]
    public void TryParse_OtherId_Rejected()
    {
        Assert.Null(UpstreamAnswer.TryParse(Response(id: 8), 7, Question));
    }

    [Fact]
    public void TryParse_OtherQuestion_Rejected()
    {
        Assert.Null(UpstreamAnswer.TryParse(Response(question: "www.example.com"), 7, Question));
    }

    [Fact]
    public void TryParse_QuestionInOtherCase_Accepted()
    {
        Assert.NotNull(UpstreamAnswer.TryParse(Response(question: "WWW.Example.ORG"), 7, Question));
    }

    [Fact]
    public void TryParse_CnameLoop_NoAddressesAndTerminates()
    {
        byte[] response =
        [
            0, 7, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0,
            .. Packets.Name("www.example.org"), 0, 1, 0, 1,
            0xC0, 12, 0, 5, 0, 1, .. Packets.U32(300), 0, 2, 0xC0, 16,
            0xC0, 16, 0, 5, 0, 1, .. Packets.U32(300), 0, 2, 0xC0, 12,
        ];

        var answer = UpstreamAnswer.TryParse(response, 7, Question);

        Assert.NotNull(answer);
        Assert.Empty(answer.Addresses);
    }

    [Fact]
    public void TryParse_RecordRunsPastTheEnd_Rejected()
    {
        var response = Response();
        Assert.Null(UpstreamAnswer.TryParse(response[..^2], 7, Question));
    }
}
