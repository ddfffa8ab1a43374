using System.Net.Sockets;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core.Drivers;

/// <summary>
/// The host side of the bridge driver: one Linux bridge per network holding the gateway addresses, and one
/// veth pair per endpoint whose sandbox end is created directly in the sandbox namespace, already enslaved
/// and up (a single RTM_NEWLINK). Every link made here carries <see cref="Names.LinkGroup"/> and an owner alias.
/// </summary>
internal sealed class BridgeDriver(HostNamespace host, string instanceId)
{
    /// <summary>The bridge's ifindex, re-creating the bridge when it vanished (self-heal).</summary>
    public int Ensure(NetworkRecord network)
    {
        var existing = KernelErrors.Do($"look up bridge {network.Bridge}", () => host.Netlink.GetLink(network.Bridge));
        if (existing is not null) return existing.Index;
        try
        {
            return Create(network);
        }
        catch (Errors.ForgeException e) when (e.Kind == Errors.ErrorKind.AlreadyExists && host.Netlink.GetLink(network.Bridge) is not null)
        {
            // Another process healed it first.
            return host.Netlink.GetLink(network.Bridge)!.Index;
        }
    }

    /// <summary>Creates the bridge: up, accept_ra off, gateway addresses (IPv6 without DAD).</summary>
    public int Create(NetworkRecord network)
    {
        var index = KernelErrors.Do($"create bridge {network.Bridge}", () => host.Netlink.CreateBridge(new BridgeOptions(network.Bridge)
        {
            Mtu = network.Mtu,
            Mac = Names.Mac(network.Id),
            Up = true,
            Group = Names.LinkGroup,
            Alias = Names.NetworkAlias(instanceId, network.Id),
        }));
        try
        {
            Configure(network, index);
        }
        catch
        {
            // A bridge without its gateway addresses would look healthy to Ensure: do not leave one behind.
            DeleteLink(index);
            throw;
        }
        return index;
    }

    private void Configure(NetworkRecord network, int index)
    {
        if (network.Subnet6 is not null)
        {
            // Slashes, not dots: the key holds an interface name.
            KernelErrors.Do($"disable router advertisements on {network.Bridge}",
                () => host.WriteSysctl($"net/ipv6/conf/{network.Bridge}/accept_ra", "0"));
        }
        foreach (var (gateway, subnet) in Gateways(network))
        {
            var address = new IpPrefix(gateway, subnet.Length);
            var flags = subnet.Family == AddressFamily.InterNetworkV6 ? AddressFlags.NoDad : AddressFlags.None;
            KernelErrors.Do($"add gateway {address} to {network.Bridge}", () => host.Netlink.AddAddress(index, address, flags));
        }
    }

    /// <summary>Deletes the bridge; false when it was already gone.</summary>
    public bool Delete(NetworkRecord network) => DeleteLink(network.Bridge);

    /// <summary>Creates an endpoint's veth pair; returns the host end's ifindex.</summary>
    public int CreateVeth(VethPlan plan) =>
        KernelErrors.Do($"create veth {plan.Endpoint.HostInterface}", () => host.Netlink.CreateVeth(
            new VethOptions(plan.Endpoint.HostInterface, plan.Endpoint.Interface)
            {
                PeerNamespace = plan.SandboxNamespace,
                PeerMac = Names.ParseMac(plan.Endpoint.Mac),
                Mtu = plan.Network.Mtu,
                MasterIndex = plan.BridgeIndex,
                Up = true,
                // The sandbox side brings the peer up through its own socket (EndpointConfigurator.BringUp).
                PeerUp = false,
                Group = Names.LinkGroup,
                Alias = Names.SandboxAlias(instanceId, plan.Endpoint.SandboxId),
            }));

    /// <summary>Deletes a host link by name; false when it was already gone.</summary>
    public bool DeleteLink(string name)
    {
        try
        {
            host.Netlink.DeleteLink(name);
            return true;
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Deletes a host link by index; false when it was already gone.</summary>
    public bool DeleteLink(int index)
    {
        try
        {
            host.Netlink.DeleteLink(index);
            return true;
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Destinations of the host's routes, both families, without default routes.</summary>
    public List<IpPrefix> HostRoutes() => KernelErrors.Do("list host routes", () =>
        host.Netlink.ListRoutes(AddressFamily.InterNetwork)
            .Concat(host.Netlink.ListRoutes(AddressFamily.InterNetworkV6))
            .Where(r => r.Destination is { Length: > 0 })
            .Select(r => r.Destination!.Value)
            .ToList());

    /// <summary>Host links in our group whose alias names this store's instance.</summary>
    public List<(LinkInfo Link, OwnerTag Tag)> OwnedLinks() => KernelErrors.Do("list host links", () =>
        host.Netlink.ListLinks()
            .Where(l => l.Group == Names.LinkGroup)
            .Select(l => (Link: l, Tag: OwnerTag.Parse(l.Alias)))
            .Where(x => x.Tag is { } tag && tag.InstanceId == instanceId)
            .Select(x => (x.Link, x.Tag!.Value))
            .ToList());

    private static IEnumerable<(System.Net.IPAddress Gateway, IpPrefix Subnet)> Gateways(NetworkRecord network)
    {
        if (network.Gateway4 is not null && network.Subnet4 is not null) yield return (network.Gateway4, network.Subnet4.Value);
        if (network.Gateway6 is not null && network.Subnet6 is not null) yield return (network.Gateway6, network.Subnet6.Value);
    }
}
