using System.Net;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Firewall;

/// <summary>What the firewall needs to know about a network: its bridge (name and MAC), subnets and gateways (the host's addresses on it).</summary>
internal sealed record FirewallNetwork(string Id, string Name, string Bridge, string BridgeMac,
    IpPrefix? Subnet4, IPAddress? Gateway4, IpPrefix? Subnet6, IPAddress? Gateway6, bool Internal)
{
    public IEnumerable<IpPrefix> Subnets => new[] { Subnet4, Subnet6 }.Where(s => s is not null).Select(s => s!.Value);

    public IEnumerable<IPAddress> Gateways => new[] { Gateway4, Gateway6 }.OfType<IPAddress>();
}
