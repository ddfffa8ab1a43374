using System.Net;
using ForgeNet.Kernel.Netlink.Model;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>
/// Captured messages parsed into the typed model and written again must give the same bytes: typed attributes
/// re-encode exactly, unknown ones survive raw, nesting and padding are rebuilt by the writer's start tokens.
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(Captured).GetFields()) data.Add(field.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void ParseThenWrite_CapturedMessage_GivesSameBytes(string capture)
    {
        var datagram = Hex.Bytes((string)typeof(Captured).GetField(capture)!.GetValue(null)!);
        foreach (var bytes in Messages.Split(datagram))
        {
            Assert.True(RtMessage.TryParse(bytes, out var message), $"{capture} did not parse");
            Assert.Equal(Hex.Of(bytes), Hex.Of(message!.ToBytes()));
        }
    }

    [Fact]
    public void TryParse_LinkReply_TypesKnownAttributesAndKeepsOthersRaw()
    {
        Assert.True(RtMessage.TryParse(Hex.Bytes(Captured.LinkReply), out var message));

        Assert.Equal(new NlaString(Ifla.IfName, "fv1", Terminated: true), message!.Find(Ifla.IfName));
        Assert.Equal(new NlaUInt32(Ifla.Mtu, 1500), message.Find(Ifla.Mtu));
        var linkInfo = Assert.IsType<NlaNested>(message.Find(Ifla.LinkInfo));
        Assert.Equal(new NlaString(Ifla.InfoKind, "veth", Terminated: true), linkInfo.Children[0]);
        var stats = Assert.IsType<NlaRaw>(message.Find(Ifla.Stats64));
        Assert.Equal(200, stats.Value.Length);
        Assert.IsType<NlaRaw>(message.Find(Ifla.AfSpec));
    }

    [Fact]
    public void TryParse_IpRequestWithBareKindString_RecordsMissingNul()
    {
        Assert.True(RtMessage.TryParse(Hex.Bytes(Captured.VethSimple), out var message));

        var linkInfo = Assert.IsType<NlaNested>(message!.Find(Ifla.LinkInfo));
        Assert.Equal(new NlaString(Ifla.InfoKind, "veth", Terminated: false), linkInfo.Children[0]);
    }

    [Fact]
    public void TryParse_AddressReply_TypesAddresses()
    {
        Assert.True(RtMessage.TryParse(Hex.Bytes(Captured.AddressDump4), out var message));

        Assert.Equal(new NlaAddress(Ifa.Broadcast, IPAddress.Parse("10.1.4.255")), message!.Find(Ifa.Broadcast));
        Assert.Equal(new NlaString(Ifa.Label, "fv1", Terminated: true), message.Find(Ifa.Label));
    }

    [Fact]
    public void TryParse_ErrorReply_KeepsEchoedRequestAndTypesExtAck()
    {
        Assert.True(RtMessage.TryParse(Hex.Bytes(Captured.ErrorWithExtAck), out var message));

        Assert.Equal(4 + 40, message!.FamilyHeader.Length);
        Assert.Equal(new NlaString(Nlm.ErrAttrMsg, "mtu less than device minimum", Terminated: true), message.Find(Nlm.ErrAttrMsg));
    }
}
