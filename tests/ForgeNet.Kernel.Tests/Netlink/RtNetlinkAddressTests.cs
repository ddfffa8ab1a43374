using System.Net.Sockets;
using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Interface addresses on the real kernel.</summary>
public sealed class RtNetlinkAddressTests
{
    [PrivilegedFact]
    public void AddAddress_Ipv4_IsListedAndDeleted()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);
        var address = IpPrefix.Parse("10.66.1.5/24");

        ns.Netlink.AddAddress(index, address);
        var listed = Assert.Single(ns.Netlink.ListAddresses(AddressFamily.InterNetwork, index));
        ns.Netlink.DeleteAddress(index, address);

        Assert.Equal(address, listed.Address);
        Assert.Equal(0, listed.Scope);
        Assert.Equal(ns.Netlink.GetLink(index)!.Name, listed.Label);
        Assert.Empty(ns.Netlink.ListAddresses(AddressFamily.InterNetwork, index));
    }

    [PrivilegedFact]
    public void AddAddress_Ipv4_SetsBroadcastAndPrefixRoute()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns, up: true);

        ns.Netlink.AddAddress(index, IpPrefix.Parse("10.66.2.5/24"));

        var route = Assert.Single(ns.Netlink.ListRoutes(AddressFamily.InterNetwork), r => r.Table == 254);
        Assert.Equal((IpPrefix.Parse("10.66.2.0/24"), index), (route.Destination, route.OutputIndex));
        Assert.Contains(ns.Netlink.ListRoutes(AddressFamily.InterNetwork), r => r.Destination == IpPrefix.Parse("10.66.2.255/32") && r.Type == 3);
    }

    [PrivilegedFact]
    public void AddAddress_Ipv6NoDad_IsNotTentative()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns, up: true);
        var address = IpPrefix.Parse("fd66::5/64");

        ns.Netlink.AddAddress(index, address, AddressFlags.NoDad);

        var listed = Assert.Single(ns.Netlink.ListAddresses(AddressFamily.InterNetworkV6, index), a => a.Address == address);
        Assert.Equal(0x02u, listed.Flags & 0x02);
        Assert.Equal(0u, listed.Flags & 0x40); // IFA_F_TENTATIVE
        Assert.Null(listed.Label);
    }

    [PrivilegedFact]
    public void AddAddress_NoPrefixRoute_AddsNoRoute()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns, up: true);

        ns.Netlink.AddAddress(index, IpPrefix.Parse("fd67::5/64"), AddressFlags.NoDad | AddressFlags.NoPrefixRoute);
        ns.Netlink.AddAddress(index, IpPrefix.Parse("10.67.0.5/24"), AddressFlags.NoPrefixRoute);

        var routes = ns.Netlink.ListRoutes(AddressFamily.Unspecified);
        Assert.DoesNotContain(routes, r => r.Destination == IpPrefix.Parse("fd67::/64"));
        Assert.DoesNotContain(routes, r => r.Destination == IpPrefix.Parse("10.67.0.0/24"));
        Assert.Equal(0x200u, ns.Netlink.ListAddresses(AddressFamily.InterNetworkV6, index).Single(a => a.Address.Address.ToString() == "fd67::5").Flags & 0x200);
    }

    [PrivilegedFact]
    public void ListAddresses_Filters_ByFamilyAndLink()
    {
        using var ns = ThrowawayNamespace.Create();
        var first = Veth(ns);
        var second = Veth(ns);
        ns.Netlink.AddAddress(first, IpPrefix.Parse("10.68.0.1/24"));
        ns.Netlink.AddAddress(first, IpPrefix.Parse("fd68::1/64"), AddressFlags.NoDad);
        ns.Netlink.AddAddress(second, IpPrefix.Parse("10.68.1.1/24"));

        Assert.Equal(["10.68.0.1/24", "fd68::1/64"], ns.Netlink.ListAddresses(index: first).Select(a => a.Address.ToString()).Order());
        Assert.Equal(["10.68.0.1/24", "10.68.1.1/24"], ns.Netlink.ListAddresses(AddressFamily.InterNetwork).Select(a => a.Address.ToString()).Order());
        Assert.Equal(["10.68.1.1/24"], ns.Netlink.ListAddresses(AddressFamily.InterNetwork, second).Select(a => a.Address.ToString()));
    }

    [PrivilegedFact]
    public void AddAddress_Twice_ThrowsAlreadyExists()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);
        ns.Netlink.AddAddress(index, IpPrefix.Parse("10.69.0.1/24"));

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.AddAddress(index, IpPrefix.Parse("10.69.0.1/24")));

        Assert.True(e.IsAlreadyExists);
        Assert.Equal($"RTM_NEWADDR 10.69.0.1/24 on ifindex {index}", e.Operation);
    }

    [PrivilegedFact]
    public void DeleteAddress_Missing_ThrowsNotFound()
    {
        using var ns = ThrowawayNamespace.Create();
        var index = Veth(ns);

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteAddress(index, IpPrefix.Parse("10.70.0.1/24")));

        Assert.True(e.IsNotFound);
        Assert.Equal(Errno.EADDRNOTAVAIL, e.Errno);
    }

    private static int Veth(ThrowawayNamespace ns, bool up = false)
    {
        var name = TestNames.Unique();
        return ns.Netlink.CreateVeth(new VethOptions(name, name + "p") { Up = up, PeerUp = up });
    }
}
