using System.Net;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>RTM_*ADDR and RTM_*ROUTE requests, byte for byte against what iproute2 sent.</summary>
public sealed class AddressAndRouteRequestTests
{
    [Theory]
    [InlineData("10.1.2.3/24", AddressFlags.None, nameof(Captured.AddAddress4))]
    [InlineData("10.1.3.3/31", AddressFlags.None, nameof(Captured.AddAddress4Slash31))]
    [InlineData("fd00::3/64", AddressFlags.NoDad, nameof(Captured.AddAddress6NoDad))]
    [InlineData("fd01::3/64", AddressFlags.NoDad | AddressFlags.NoPrefixRoute, nameof(Captured.AddAddress6NoPrefixRoute))]
    public void Add_Address_MatchesIp(string prefix, AddressFlags flags, string capture)
    {
        var built = AddressRequest.Add(new NetlinkBuffer(), 3, IpPrefix.Parse(prefix), flags);
        Hex.AssertSameMessage(Capture(capture), built);
    }

    [Theory]
    [InlineData("10.1.2.3/24", nameof(Captured.DeleteAddress4))]
    [InlineData("fd00::3/64", nameof(Captured.DeleteAddress6))]
    public void Delete_Address_MatchesIp(string prefix, string capture) =>
        Hex.AssertSameMessage(Capture(capture), AddressRequest.Delete(new NetlinkBuffer(), 3, IpPrefix.Parse(prefix)));

    [Fact]
    public void Add_LoopbackAddress_UsesHostScope()
    {
        var built = AddressRequest.Add(new NetlinkBuffer(), 1, IpPrefix.Parse("127.0.0.2/8"), AddressFlags.None);
        Assert.Equal(Rtm.ScopeHost, built[Nlm.HeaderLength + 3]);
    }

    [Fact]
    public void Add_DefaultRouteViaGateway_MatchesIp() =>
        Hex.AssertSameMessage(Captured.AddDefaultRoute4, RouteRequest.Add(new NetlinkBuffer(), new RouteSpec(null, IPAddress.Parse("10.1.4.1"), 3)));

    [Fact]
    public void Add_LinkRouteWithoutGateway_MatchesIpWithLinkScope() =>
        Hex.AssertSameMessage(Captured.AddLinkRoute4, RouteRequest.Add(new NetlinkBuffer(), new RouteSpec(IpPrefix.Parse("10.9.0.0/16"), null, 3)));

    [Fact]
    public void Add_OnLinkMetricTable_MatchesIp()
    {
        var route = new RouteSpec(IpPrefix.Parse("10.8.0.0/16"), IPAddress.Parse("10.1.4.7"), 3) { OnLink = true, Metric = 50, Table = 100 };
        Hex.AssertSameMessage(Captured.AddOnLinkRoute4, RouteRequest.Add(new NetlinkBuffer(), route));
    }

    [Fact]
    public void Add_TableAbove255_UsesRtaTable()
    {
        var route = new RouteSpec(IpPrefix.Parse("10.7.0.0/16"), IPAddress.Parse("10.1.4.7"), 3) { Table = 1000 };
        Hex.AssertSameMessage(Captured.AddRoute4Table1000, RouteRequest.Add(new NetlinkBuffer(), route));
    }

    [Fact]
    public void Add_Ipv6OnLink_MatchesIp()
    {
        var route = new RouteSpec(IpPrefix.Parse("fd05::/64"), IPAddress.Parse("fd02::1"), 2) { OnLink = true };
        Hex.AssertSameMessage(Captured.AddOnLinkRoute6, RouteRequest.Add(new NetlinkBuffer(), route));
    }

    [Fact]
    public void Add_HostBitsInDestination_AreCleared()
    {
        var masked = RouteRequest.Add(new NetlinkBuffer(), new RouteSpec(IpPrefix.Parse("10.9.1.2/16"), null, 3)).ToArray();
        Hex.AssertSameMessage(Captured.AddLinkRoute4, masked);
    }

    [Theory]
    [InlineData(nameof(Captured.DeleteDefaultRoute4))]
    [InlineData(nameof(Captured.DeleteRoute4Table100))]
    [InlineData(nameof(Captured.DeleteRoute6))]
    public void Delete_Route_MatchesIp(string capture)
    {
        var route = capture switch
        {
            nameof(Captured.DeleteDefaultRoute4) => new RouteSpec(null, IPAddress.Parse("10.1.4.1"), 3),
            nameof(Captured.DeleteRoute4Table100) => new RouteSpec(IpPrefix.Parse("10.8.0.0/16"), IPAddress.Parse("10.1.4.7"), 3) { Table = 100, OnLink = true },
            _ => new RouteSpec(IpPrefix.Parse("fd05::/64"), IPAddress.Parse("fd02::1"), 2),
        };
        Hex.AssertSameMessage(Capture(capture), RouteRequest.Delete(new NetlinkBuffer(), route));
    }

    [Fact]
    public void FamilyOf_DefaultRouteWithoutGatewayOrFamily_Throws() =>
        Assert.Throws<ArgumentException>(() => RouteRequest.FamilyOf(new RouteSpec(null, null, 3)));

    [Fact]
    public void FamilyOf_MixedFamilies_Throws() =>
        Assert.Throws<ArgumentException>(() => RouteRequest.FamilyOf(new RouteSpec(IpPrefix.Parse("10.0.0.0/8"), IPAddress.Parse("fd00::1"), 3)));

    private static string Capture(string name) => (string)typeof(Captured).GetField(name)!.GetValue(null)!;
}
