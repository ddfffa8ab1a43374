using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Routes on the real kernel.</summary>
public sealed class RtNetlinkRouteTests
{
    [PrivilegedFact]
    public void AddRoute_DefaultViaGateway_IsListedAndDeleted()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = UpWithAddress(ns, "10.71.0.2/24", "fd71::2/64");
        var v4 = new RouteSpec(null, IPAddress.Parse("10.71.0.1"), index);
        var v6 = new RouteSpec(null, IPAddress.Parse("fd71::1"), index);

        ns.Netlink.AddRoute(v4);
        ns.Netlink.AddRoute(v6);
        var routes = ns.Netlink.ListRoutes(AddressFamily.Unspecified);
        ns.Netlink.DeleteRoute(v4);
        ns.Netlink.DeleteRoute(v6);

        var default4 = Assert.Single(routes, r => r.Family == AddressFamily.InterNetwork && r.Destination is null);
        Assert.Equal((IPAddress.Parse("10.71.0.1"), index, 254u, (byte)3, (byte)0, (byte)1),
            (default4.Gateway, default4.OutputIndex, default4.Table, default4.Protocol, default4.Scope, default4.Type));
        var default6 = Assert.Single(routes, r => r.Family == AddressFamily.InterNetworkV6 && r.Destination is null);
        Assert.Equal(IPAddress.Parse("fd71::1"), default6.Gateway);
        Assert.DoesNotContain(ns.Netlink.ListRoutes(AddressFamily.Unspecified), r => r.Destination is null);
    }

    [PrivilegedFact]
    public void AddRoute_OnLinkWithoutGateway_HasLinkScope()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = UpWithAddress(ns);
        var route = new RouteSpec(IpPrefix.Parse("10.72.0.0/16"), null, index) { Metric = 20 };

        ns.Netlink.AddRoute(route);

        var listed = Assert.Single(ns.Netlink.ListRoutes(AddressFamily.InterNetwork), r => r.Destination == route.Destination);
        Assert.Equal((null, index, (byte)253, 20u), (listed.Gateway, listed.OutputIndex, listed.Scope, listed.Metric));
        ns.Netlink.DeleteRoute(route);
        Assert.DoesNotContain(ns.Netlink.ListRoutes(AddressFamily.InterNetwork), r => r.Destination == route.Destination);
    }

    [PrivilegedFact]
    public void AddRoute_GatewayOutsideAnySubnet_NeedsOnLink()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = UpWithAddress(ns);
        var gateway = IPAddress.Parse("169.254.1.1");

        var refused = Assert.Throws<NetlinkException>(() => ns.Netlink.AddRoute(new RouteSpec(null, gateway, index)));
        ns.Netlink.AddRoute(new RouteSpec(null, gateway, index) { OnLink = true });

        Assert.Equal(101, refused.Errno); // ENETUNREACH
        Assert.NotNull(refused.ExtAck);
        Assert.Contains(ns.Netlink.ListRoutes(AddressFamily.InterNetwork), r => r.Destination is null && gateway.Equals(r.Gateway));
    }

    [PrivilegedFact]
    public void AddRoute_TableAbove255_IsListedInThatTable()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = UpWithAddress(ns);
        var route = new RouteSpec(IpPrefix.Parse("10.73.0.0/16"), IPAddress.Parse("10.71.0.1"), index) { Table = 1000, Protocol = 4 };

        ns.Netlink.AddRoute(route);

        var listed = Assert.Single(ns.Netlink.ListRoutes(AddressFamily.InterNetwork), r => r.Destination == route.Destination);
        Assert.Equal((1000u, (byte)4), (listed.Table, listed.Protocol));
        ns.Netlink.DeleteRoute(route);
    }

    [PrivilegedFact]
    public void AddRoute_Twice_ThrowsAlreadyExists()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = UpWithAddress(ns);
        var route = new RouteSpec(IpPrefix.Parse("10.74.0.0/16"), null, index);
        ns.Netlink.AddRoute(route);

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.AddRoute(route));

        Assert.True(e.IsAlreadyExists);
    }

    [PrivilegedFact]
    public void DeleteRoute_Missing_ThrowsNotFound()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = UpWithAddress(ns);

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteRoute(new RouteSpec(IpPrefix.Parse("10.75.0.0/16"), null, index)));

        Assert.True(e.IsNotFound);
        Assert.Equal(Errno.ESRCH, e.Errno);
    }

    private static int UpWithAddress(ThrowawayNamespace ns, string v4 = "10.71.0.2/24", string? v6 = null)
    {
        var name = TestNames.Unique();
        var index = ns.Netlink.CreateVeth(new VethOptions(name, name + "p") { Up = true, PeerUp = true });
        ns.Netlink.AddAddress(index, IpPrefix.Parse(v4));
        if (v6 is not null) ns.Netlink.AddAddress(index, IpPrefix.Parse(v6), AddressFlags.NoDad);
        return index;
    }
}
