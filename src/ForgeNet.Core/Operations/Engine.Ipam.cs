using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Ipam;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel;

namespace ForgeNet.Core;

/// <summary>
/// Address pools for plugins that make their own links (forge-ipam under the reference bridge): addresses only,
/// chosen deterministically (hash of container id and interface, probing on collision) and recorded in one
/// transaction, so concurrent plugins never lend one address twice.
/// </summary>
public sealed partial class Engine
{
    /// <summary>Leases one address per subnet of the pool (made on first use) to (container id, interface); AlreadyExists when it holds one.</summary>
    public IpamLease LeaseAddresses(IpamRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = $"lease addresses from pool {request.Pool}";
        try
        {
            var (subnet4, subnet6, requested) = ValidateLease(request);
            return _store.Write(() =>
            {
                var pool = _store.FindPool(request.Pool) ?? NewPool(request.Pool, subnet4, subnet6);
                if (pool.Subnet4 != subnet4 || pool.Subnet6 != subnet6)
                    throw ForgeException.Invalid($"pool {pool.Name} has subnets {string.Join(", ", pool.Subnets)}, not {string.Join(", ", new[] { subnet4, subnet6 }.OfType<IpPrefix>())}");
                if (_store.LeaseOf(pool.Name, request.ContainerId, request.IfName).Count > 0)
                    throw ForgeException.Exists($"container {request.ContainerId} already holds addresses for {request.IfName} in pool {pool.Name}");
                var used = _store.LeasedAddresses(pool.Name);
                foreach (var subnet in pool.Subnets)
                {
                    var range = new SubnetRange(subnet);
                    var address = requested.FirstOrDefault(a => a.AddressFamily == subnet.Family);
                    if (address is not null) AddressAllocator.CheckRequested(range, address, pool.Name, used);
                    else address = AddressAllocator.Allocate(range, $"{request.ContainerId}/{request.IfName}", pool.Id, pool.Name, used);
                    _store.InsertLease(pool.Name, request.ContainerId, request.IfName, range.WithLength(address));
                    used.Add(address);
                }
                return ToLease(pool, request.ContainerId, request.IfName);
            });
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    /// <summary>The lease of (container id, interface) in the pool; null when it holds none (or there is no such pool).</summary>
    public IpamLease? FindLease(string pool, string containerId, string ifName) => _store.Read(() =>
        _store.FindPool(pool) is { } found && _store.LeaseOf(pool, containerId, ifName).Count > 0 ? ToLease(found, containerId, ifName) : null);

    /// <summary>Every lease of the pool (none when there is no such pool).</summary>
    public IReadOnlyList<IpamLease> ListLeases(string pool) => _store.Read(() =>
        _store.FindPool(pool) is { } found
            ? _store.LeaseHolders(pool).Select(h => ToLease(found, h.ContainerId, h.IfName)).ToList()
            : []);

    /// <summary>Frees the lease of (container id, interface); false when it held none (a second release is no error).</summary>
    public bool ReleaseAddresses(string pool, string containerId, string ifName) =>
        _store.Write(() => _store.DeleteLease(pool, containerId, ifName));

    private static (IpPrefix? V4, IpPrefix? V6, List<IPAddress> Requested) ValidateLease(IpamRequest request)
    {
        Names.Validate("IPAM pool", request.Pool);
        AttachmentOptions.ValidateContainerId(request.ContainerId);
        AttachmentOptions.ValidateInterfaceName(request.IfName);
        IpPrefix? v4 = null, v6 = null;
        foreach (var text in request.Subnets)
        {
            if (!IpPrefix.TryParse(text, out var prefix)) throw ForgeException.Invalid($"invalid subnet '{text}'");
            var network = new IpPrefix(IpPrefix.Mask(prefix.Address, prefix.Length), prefix.Length);
            if (prefix.Family == System.Net.Sockets.AddressFamily.InterNetwork ? v4 is not null : v6 is not null)
                throw ForgeException.Invalid("a pool holds at most one IPv4 and one IPv6 subnet");
            if (prefix.Family == System.Net.Sockets.AddressFamily.InterNetwork) v4 = network;
            else v6 = network;
        }
        if (v4 is null && v6 is null) throw ForgeException.Invalid("an IPAM pool needs a subnet");
        var requested = request.RequestedAddresses.Select(t => IpPrefix.TryParse(t, out var p) ? p.Address
            : throw ForgeException.Invalid($"invalid requested address '{t}'")).ToList();
        if (requested.GroupBy(a => a.AddressFamily).Any(g => g.Count() > 1))
            throw ForgeException.Invalid("more than one requested address of one family");
        return (v4, v6, requested);
    }

    private IpamPool NewPool(string name, IpPrefix? subnet4, IpPrefix? subnet6)
    {
        var pool = new IpamPool(name, Names.NewId(), subnet4, subnet6);
        foreach (var network in _store.AllNetworks())
        {
            if (network.Subnets.FirstOrDefault(s => pool.Subnets.Any(p => SubnetPlanner.Overlaps(s, p))) is { Address: not null } clash)
                throw ForgeException.InUse($"pool subnet overlaps network {network.Name} ({clash})");
        }
        _store.InsertPool(pool);
        return pool;
    }

    private IpamLease ToLease(IpamPool pool, string containerId, string ifName)
    {
        var addresses = _store.LeaseOf(pool.Name, containerId, ifName);
        var a4 = addresses.FirstOrDefault(a => a.Family == System.Net.Sockets.AddressFamily.InterNetwork);
        var a6 = addresses.FirstOrDefault(a => a.Family == System.Net.Sockets.AddressFamily.InterNetworkV6);
        return new IpamLease(pool.Name, containerId, ifName,
            a4.Address is null ? null : a4.ToString(), pool.Subnet4 is { } s4 ? new SubnetRange(s4).Gateway?.ToString() : null,
            a6.Address is null ? null : a6.ToString(), pool.Subnet6 is { } s6 ? new SubnetRange(s6).Gateway?.ToString() : null);
    }
}
