using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Model;
using ForgeNet.Kernel;
using Microsoft.Data.Sqlite;

namespace ForgeNet.Core.Store;

internal sealed partial class ForgeStore
{
    public IpamPool? FindPool(string name) =>
        Query("SELECT name, id, subnet4, subnet6 FROM ipam_pools WHERE name = $name", ReadPool, ("$name", name)).FirstOrDefault();

    public void InsertPool(IpamPool pool) => Execute(
        "INSERT INTO ipam_pools (name, id, subnet4, subnet6, created) VALUES ($name, $id, $s4, $s6, $created)",
        ("$name", pool.Name), ("$id", pool.Id), ("$s4", pool.Subnet4?.ToString()), ("$s6", pool.Subnet6?.ToString()),
        ("$created", ToUnixMs(Names.Now())));

    /// <summary>The leased addresses of (container, interface) in a pool, with their prefix lengths.</summary>
    public List<IpPrefix> LeaseOf(string pool, string containerId, string ifName) => Query(
        "SELECT address, prefix_length FROM ipam_leases WHERE pool = $pool AND container_id = $cid AND ifname = $if ORDER BY family",
        r => new IpPrefix(IPAddress.Parse(r.GetString(0)), r.GetInt32(1)), ("$pool", pool), ("$cid", containerId), ("$if", ifName));

    /// <summary>Every (container id, interface) holding a lease in the pool.</summary>
    public List<(string ContainerId, string IfName)> LeaseHolders(string pool) => Query(
        "SELECT DISTINCT container_id, ifname FROM ipam_leases WHERE pool = $pool ORDER BY container_id, ifname",
        r => (r.GetString(0), r.GetString(1)), ("$pool", pool));

    /// <summary>Every address leased in the pool.</summary>
    public HashSet<IPAddress> LeasedAddresses(string pool) =>
        Query("SELECT address FROM ipam_leases WHERE pool = $pool", r => IPAddress.Parse(r.GetString(0)), ("$pool", pool)).ToHashSet();

    /// <summary>Records one address; the UNIQUE constraint makes a double lease fail.</summary>
    public void InsertLease(string pool, string containerId, string ifName, IpPrefix address) => Execute(
        "INSERT INTO ipam_leases (pool, container_id, ifname, family, address, prefix_length) VALUES ($pool, $cid, $if, $family, $address, $length)",
        ("$pool", pool), ("$cid", containerId), ("$if", ifName), ("$family", address.Family == AddressFamily.InterNetworkV6 ? 6 : 4),
        ("$address", address.Address.ToString()), ("$length", address.Length));

    /// <summary>Frees the lease of (container, interface); false when it held none.</summary>
    public bool DeleteLease(string pool, string containerId, string ifName) => Execute(
        "DELETE FROM ipam_leases WHERE pool = $pool AND container_id = $cid AND ifname = $if",
        ("$pool", pool), ("$cid", containerId), ("$if", ifName)) > 0;

    private static IpamPool ReadPool(SqliteDataReader r) => new(r.GetString(0), r.GetString(1),
        TextOrNull(r, 2) is { } s4 ? IpPrefix.Parse(s4) : null, TextOrNull(r, 3) is { } s6 ? IpPrefix.Parse(s6) : null);
}
