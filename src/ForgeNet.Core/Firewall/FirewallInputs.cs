using System.Net;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Everything the compiler reads besides the endpoints it compiles: the host's own addresses and the subnets of every
/// ForgeNet network (both are taken out of the <c>public-internet</c> preset), and for a full rebuild every endpoint.
/// </summary>
internal sealed record FirewallInputs(IReadOnlyList<FirewallEndpoint> Endpoints, IReadOnlyList<IPAddress> HostAddresses,
    IReadOnlyList<IpPrefix> NetworkSubnets)
{
    /// <summary>Inputs without endpoints, host addresses or networks.</summary>
    public static FirewallInputs None { get; } = new([], [], []);

    /// <summary>
    /// The peer selectors some policy uses, by <see cref="Policy.PeerSelector.Key"/> (<c>{peer: name}</c> or
    /// <c>{labels: ...}</c>): only these get peer sets, so the tables hold a set per selector in use, not per sandbox
    /// (the kernel finds a table's sets by name in a list).
    /// </summary>
    public IReadOnlySet<string> ReferencedPeers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>By selector key: the current addresses (with link-local ones) of the sandboxes the compiled endpoints' policies select.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> PeerAddresses { get; init; } = new Dictionary<string, IReadOnlyList<IPAddress>>();

    /// <summary>The networks of the endpoints, each once.</summary>
    public IEnumerable<FirewallNetwork> Networks => Endpoints.Select(e => e.Network).DistinctBy(n => n.Id);
}
