using System.Net;
using ForgeNet.Core.Model;
using ForgeNet.Kernel;
using Microsoft.Data.Sqlite;

namespace ForgeNet.Core.Store;

internal sealed partial class ForgeStore
{
    private const string NetworkColumns =
        "id, name, driver, bridge, subnet4, gateway4, subnet6, gateway6, internal, mtu, created";

    public List<NetworkRecord> AllNetworks() =>
        Query($"SELECT {NetworkColumns} FROM networks ORDER BY created, name", ReadNetwork);

    public NetworkRecord? FindNetwork(string name) =>
        Query($"SELECT {NetworkColumns} FROM networks WHERE name = $name", ReadNetwork, ("$name", name)).FirstOrDefault();

    public void InsertNetwork(NetworkRecord n) => Execute(
        $"INSERT INTO networks ({NetworkColumns}) VALUES ($id, $name, $driver, $bridge, $s4, $g4, $s6, $g6, $internal, $mtu, $created)",
        ("$id", n.Id), ("$name", n.Name), ("$driver", n.Driver), ("$bridge", n.Bridge),
        ("$s4", n.Subnet4?.ToString()), ("$g4", n.Gateway4?.ToString()),
        ("$s6", n.Subnet6?.ToString()), ("$g6", n.Gateway6?.ToString()),
        ("$internal", n.Internal ? 1 : 0), ("$mtu", n.Mtu), ("$created", ToUnixMs(n.Created)));

    public void DeleteNetwork(string id)
    {
        Execute("DELETE FROM allocations WHERE network_id = $id", ("$id", id));
        Execute("DELETE FROM networks WHERE id = $id", ("$id", id));
    }

    /// <summary>Endpoint count per network id (networks without endpoints are absent).</summary>
    public Dictionary<string, int> EndpointCounts() =>
        Query("SELECT network_id, count(*) FROM endpoints GROUP BY network_id", r => (r.GetString(0), r.GetInt32(1)))
            .ToDictionary(x => x.Item1, x => x.Item2);

    public int EndpointCount(string networkId) =>
        Convert.ToInt32(Scalar("SELECT count(*) FROM endpoints WHERE network_id = $id", ("$id", networkId)));

    /// <summary>Names of the sandboxes attached to a network.</summary>
    public List<string> SandboxesOn(string networkId) => Query(
        "SELECT s.name FROM endpoints e JOIN sandboxes s ON s.id = e.sandbox_id WHERE e.network_id = $id ORDER BY s.name",
        r => r.GetString(0), ("$id", networkId));

    private static NetworkRecord ReadNetwork(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        ParsePrefix(TextOrNull(r, 4)), ParseAddress(TextOrNull(r, 5)),
        ParsePrefix(TextOrNull(r, 6)), ParseAddress(TextOrNull(r, 7)),
        r.GetInt64(8) != 0, r.GetInt32(9), FromUnixMs(r.GetInt64(10)));

    private static IpPrefix? ParsePrefix(string? text) => text is null ? null : IpPrefix.Parse(text);

    private static IPAddress? ParseAddress(string? text) => text is null ? null : IPAddress.Parse(text);
}
