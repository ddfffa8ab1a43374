using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Model;
using ForgeNet.Kernel;
using Microsoft.Data.Sqlite;

namespace ForgeNet.Core.Store;

internal sealed partial class ForgeStore
{
    private const string EndpointQuery = """
        SELECT e.sandbox_id, e.network_id, e.position, e.ifname, e.host_ifname, e.mac,
               a4.address, a4.prefix_length, a6.address, a6.prefix_length
        FROM endpoints e
        LEFT JOIN allocations a4 ON a4.sandbox_id = e.sandbox_id AND a4.network_id = e.network_id AND a4.family = 4
        LEFT JOIN allocations a6 ON a6.sandbox_id = e.sandbox_id AND a6.network_id = e.network_id AND a6.family = 6
        """;

    public List<EndpointRecord> EndpointsOf(string sandboxId) =>
        Query($"{EndpointQuery} WHERE e.sandbox_id = $id ORDER BY e.position", ReadEndpoint, ("$id", sandboxId));

    public List<EndpointRecord> AllEndpoints() =>
        Query($"{EndpointQuery} ORDER BY e.sandbox_id, e.position", ReadEndpoint);

    /// <summary>Records an endpoint and allocates its addresses; the UNIQUE constraint makes a double allocation fail.</summary>
    public void InsertEndpoint(EndpointRecord e)
    {
        Execute("""
            INSERT INTO endpoints (sandbox_id, network_id, position, ifname, host_ifname, mac)
            VALUES ($sid, $nid, $pos, $if, $hif, $mac)
            """,
            ("$sid", e.SandboxId), ("$nid", e.NetworkId), ("$pos", e.Position),
            ("$if", e.Interface), ("$hif", e.HostInterface), ("$mac", e.Mac));
        foreach (var address in new[] { e.Address4, e.Address6 })
        {
            if (address is not { } a) continue;
            Execute("""
                INSERT INTO allocations (network_id, family, address, prefix_length, sandbox_id)
                VALUES ($nid, $family, $address, $length, $sid)
                """,
                ("$nid", e.NetworkId), ("$family", a.Family == AddressFamily.InterNetworkV6 ? 6 : 4),
                ("$address", a.Address.ToString()), ("$length", a.Length), ("$sid", e.SandboxId));
        }
    }

    /// <summary>Every address allocated on a network, both families.</summary>
    public HashSet<IPAddress> UsedAddresses(string networkId) =>
        Query("SELECT address FROM allocations WHERE network_id = $id", r => IPAddress.Parse(r.GetString(0)), ("$id", networkId))
            .ToHashSet();

    private static EndpointRecord ReadEndpoint(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : new IpPrefix(IPAddress.Parse(r.GetString(6)), r.GetInt32(7)),
        r.IsDBNull(8) ? null : new IpPrefix(IPAddress.Parse(r.GetString(8)), r.GetInt32(9)));
}
