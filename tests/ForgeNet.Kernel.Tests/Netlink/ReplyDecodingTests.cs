using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Kernel replies captured from Linux 6.18, decoded into the public records.</summary>
public sealed class ReplyDecodingTests
{
    [Fact]
    public void LinkDecoder_VethReplyWithStats_ReadsEveryField()
    {
        var link = Assert.Single(Messages.DecodeAll<LinkInfo>(Hex.Bytes(Captured.LinkReply), LinkDecoder.TryDecode));

        Assert.Equal(2, link.Index);
        Assert.Equal("fv1", link.Name);
        Assert.Equal("veth", link.Kind);
        Assert.Equal(0x11043u, link.Flags);
        Assert.True(link.IsUp);
        Assert.Equal(1500, link.Mtu);
        Assert.Equal(PhysicalAddress.Parse("02-00-00-00-00-01"), link.Mac);
        Assert.Equal(0, link.MasterIndex);
        Assert.Equal(0u, link.Group);
        Assert.Null(link.Alias);
        Assert.Equal(2, link.LinkIndex);
        Assert.Equal(0, link.LinkNamespaceId);
        // `ip -s link` printed RX 541 bytes 7 packets, TX 573 bytes 7 packets for this capture.
        Assert.Equal(new LinkStats(7, 7, 541, 573, 0, 0, 0, 0), link.Stats);
    }

    [Fact]
    public void AddressDecoder_Ipv4Dump_ReadsAddressScopeFlagsLabel()
    {
        var address = Assert.Single(Messages.DecodeAll<AddressInfo>(Hex.Bytes(Captured.AddressDump4), AddressDecoder.TryDecode));

        Assert.Equal(new AddressInfo(2, IpPrefix.Parse("10.1.4.3/24"), 0, 0x80, "fv1"), address);
    }

    [Fact]
    public void AddressDecoder_Ipv6Dump_ReadsBothAddresses()
    {
        var addresses = Messages.DecodeAll<AddressInfo>(Hex.Bytes(Captured.AddressDump6), AddressDecoder.TryDecode);

        Assert.Equal(2, addresses.Count);
        // IFA_FLAGS: 0x80 permanent | 0x02 nodad, beyond what fits in ifa_flags.
        Assert.Equal(new AddressInfo(2, IpPrefix.Parse("fd00::3/64"), 0, 0x82, null), addresses[0]);
        Assert.Equal(new AddressInfo(2, IpPrefix.Parse("fe80::ff:fe00:1/64"), 253, 0x80, null), addresses[1]);
    }

    [Fact]
    public void RouteDecoder_Ipv4Dump_ReadsKernelAndGatewayRoutes()
    {
        var routes = Messages.DecodeAll<RouteInfo>(Hex.Bytes(Captured.RouteDump4), RouteDecoder.TryDecode);

        Assert.Equal(2, routes.Count);
        Assert.Equal(new RouteInfo(AddressFamily.InterNetwork, IpPrefix.Parse("10.1.4.0/24"), null, 2, 254, 0, 2, 253, 1), routes[0]);
        Assert.Equal(new RouteInfo(AddressFamily.InterNetwork, IpPrefix.Parse("10.8.0.0/16"), IPAddress.Parse("10.1.4.7"), 2, 254, 50, 3, 0, 1), routes[1]);
    }

    [Fact]
    public void TryParseError_UncappedWithExtAck_ReadsErrnoAndText()
    {
        var reader = new NetlinkMessageReader(Hex.Bytes(Captured.ErrorWithExtAck));
        Assert.True(reader.TryRead(out var message));

        Assert.True(NetlinkAck.TryParseError(message, out var ack));

        Assert.Equal(22, ack.Errno);
        Assert.Equal("mtu less than device minimum", ack.Text);
    }

    [Fact]
    public void TryParseDone_WithErrorAndExtAck_ReadsErrnoAndText()
    {
        var reader = new NetlinkMessageReader(Hex.Bytes(Captured.DoneWithError));
        Assert.True(reader.TryRead(out var message));

        Assert.True(NetlinkAck.TryParseDone(message, out var ack));

        Assert.Equal(2, ack.Errno);
        Assert.Equal("ipv4: FIB table does not exist", ack.Text);
    }

    [Fact]
    public void TryParseError_CappedAckWithoutTlvs_IsSuccess()
    {
        // What the kernel sends with NETLINK_CAP_ACK for a successful request: errno 0 + the request's header only.
        var ack = Hex.Bytes("24000000020000010700000039300000" + "00000000" + "20000000100005000700000039300000");
        var reader = new NetlinkMessageReader(ack);
        Assert.True(reader.TryRead(out var message));

        Assert.True(NetlinkAck.TryParseError(message, out var parsed));

        Assert.Equal(new NetlinkAck(0, null, null, null), parsed);
    }

    [Fact]
    public void Decoders_OtherMessageTypes_SkipWithoutError()
    {
        var done = Hex.Bytes("1400000003002200a2f1036b242f000000000000");
        var reader = new NetlinkMessageReader(done);
        Assert.True(reader.TryRead(out var message));

        Assert.True(LinkDecoder.TryDecode(message, out var link));
        Assert.True(AddressDecoder.TryDecode(message, out var address));
        Assert.True(RouteDecoder.TryDecode(message, out var route));
        Assert.Null(link);
        Assert.Null(address);
        Assert.Null(route);
    }
}
