using ForgeNet.Kernel;

namespace ForgeNet.Core.Model;

/// <summary>An IPAM pool as stored: a name, an id (the allocator's seed) and its subnets.</summary>
internal sealed record IpamPool(string Name, string Id, IpPrefix? Subnet4, IpPrefix? Subnet6)
{
    public IEnumerable<IpPrefix> Subnets => new[] { Subnet4, Subnet6 }.OfType<IpPrefix>();
}
