using System.Net.NetworkInformation;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>RTM_*LINK requests built by the writer, byte for byte against what iproute2 sent (see <see cref="Captured"/>).</summary>
public sealed class LinkRequestTests
{
    private static readonly PhysicalAddress Mac1 = PhysicalAddress.Parse("02-00-00-00-00-01");
    private static readonly PhysicalAddress Mac2 = PhysicalAddress.Parse("02-00-00-00-00-02");

    [Fact]
    public void CreateVeth_NamesOnly_MatchesIp()
    {
        var built = LinkRequest.CreateVeth(new NetlinkBuffer(), new VethOptions("fv1", "fv2"), peerNamespaceFd: null, echo: false);
        Hex.AssertSameMessage(Captured.VethSimple, built);
    }

    [Fact]
    public void CreateVeth_EveryOption_MatchesIp()
    {
        var options = new VethOptions("fv1", "fv2")
        {
            Mtu = 1400, Mac = Mac1, Group = 7, MasterIndex = 2, Alias = "tag1", Up = true, PeerMac = Mac2,
        };
        var built = LinkRequest.CreateVeth(new NetlinkBuffer(), options, peerNamespaceFd: 4, echo: false);
        Hex.AssertSameMessage(Captured.VethFull, built);
    }

    [Fact]
    public void CreateVeth_Echo_SetsOnlyTheEchoFlag()
    {
        var plain = LinkRequest.CreateVeth(new NetlinkBuffer(), new VethOptions("fv1", "fv2"), null, echo: false).ToArray();
        var echoed = LinkRequest.CreateVeth(new NetlinkBuffer(), new VethOptions("fv1", "fv2"), null, echo: true).ToArray();
        Assert.Equal(plain[6] | Nlm.FEcho, echoed[6]);
        echoed[6] = plain[6];
        Assert.Equal(plain, echoed);
    }

    [Fact]
    public void CreateVethFromPeer_PeerUpInNamespace_MatchesIp()
    {
        var options = new VethOptions("fv3", "fv4") { Mtu = 1400, Mac = PhysicalAddress.Parse("02-00-00-00-00-03"), PeerMac = PhysicalAddress.Parse("02-00-00-00-00-04"), Group = 7, PeerUp = true };
        var built = LinkRequest.CreateVethFromPeer(new NetlinkBuffer(), options, peerNamespaceFd: 4);
        Hex.AssertSameMessage(Captured.VethFromPeer, built);
    }

    [Fact]
    public void CreateKind_BridgeWithOptions_MatchesIp()
    {
        var attributes = new LinkAttributes("fnb1", 9000, PhysicalAddress.Parse("02-00-00-00-00-05"), Group: 9, Alias: "br");
        var built = LinkRequest.CreateKind(new NetlinkBuffer(), "bridge", attributes, up: true, echo: false);
        Hex.AssertSameMessage(Captured.Bridge, built);
    }

    [Fact]
    public void CreateKind_Dummy_MatchesIp()
    {
        var built = LinkRequest.CreateKind(new NetlinkBuffer(), "dummy", new LinkAttributes("fnd0"), up: false, echo: false);
        Hex.AssertSameMessage(Captured.Dummy, built);
    }

    [Theory]
    [InlineData(nameof(Captured.SetMaster))]
    [InlineData(nameof(Captured.SetNoMaster))]
    [InlineData(nameof(Captured.SetDown))]
    [InlineData(nameof(Captured.SetName))]
    [InlineData(nameof(Captured.SetNamespace))]
    [InlineData(nameof(Captured.SetMany))]
    public void Change_EachKind_MatchesIp(string capture)
    {
        var built = capture switch
        {
            nameof(Captured.SetMaster) => LinkRequest.Change(new NetlinkBuffer(), 3, null, new LinkAttributes(MasterIndex: 2)),
            nameof(Captured.SetNoMaster) => LinkRequest.Change(new NetlinkBuffer(), 3, null, new LinkAttributes(MasterIndex: 0)),
            nameof(Captured.SetDown) => LinkRequest.Change(new NetlinkBuffer(), 3, false, default),
            nameof(Captured.SetName) => LinkRequest.Change(new NetlinkBuffer(), 3, null, new LinkAttributes("fv9")),
            nameof(Captured.SetNamespace) => LinkRequest.Change(new NetlinkBuffer(), 3, null, new LinkAttributes(NamespaceFd: 4)),
            _ => LinkRequest.Change(new NetlinkBuffer(), 2, true,
                new LinkAttributes(Mtu: 1300, Mac: PhysicalAddress.Parse("02-00-00-00-00-09"), Group: 5, Alias: "hello")),
        };
        Hex.AssertSameMessage((string)typeof(Captured).GetField(capture)!.GetValue(null)!, built);
    }

    [Fact]
    public void Delete_ByIndex_MatchesIp() =>
        Hex.AssertSameMessage(Captured.DeleteIndex, LinkRequest.Delete(new NetlinkBuffer(), index: 3));

    [Fact]
    public void Delete_ByGroup_MatchesIp() =>
        Hex.AssertSameMessage(Captured.DeleteGroup, LinkRequest.Delete(new NetlinkBuffer(), group: 7));

    [Fact]
    public void Delete_ByName_PutsNameInIfname()
    {
        var built = LinkRequest.Delete(new NetlinkBuffer(), name: "fv1");
        // nlmsghdr(16) + ifinfomsg(16, index 0) + IFLA_IFNAME "fv1\0"
        Assert.Equal("2800000011000500000000000000000000000000000000000000000000000000" + "0800030066763100", Hex.Of(built));
    }

    [Fact]
    public void Get_Dump_SetsDumpFlags()
    {
        var built = LinkRequest.Get(new NetlinkBuffer(), dump: true);
        Assert.Equal("2000000012000503000000000000000000000000000000000000000000000000", Hex.Of(built));
    }
}
