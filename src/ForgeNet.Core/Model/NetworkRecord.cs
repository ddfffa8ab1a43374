using System.Net;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Model;

/// <summary>A network as stored: subnets normalised (host bits clear), gateways the first host of each.</summary>
internal sealed record NetworkRecord(string Id, string Name, string Driver, string Bridge,
    IpPrefix? Subnet4, IPAddress? Gateway4, IpPrefix? Subnet6, IPAddress? Gateway6,
    bool Internal, int Mtu, DateTimeOffset Created)
{
    public IEnumerable<IpPrefix> Subnets =>
        new[] { Subnet4, Subnet6 }.Where(s => s is not null).Select(s => s!.Value);

    public NetworkInfo ToInfo(int endpointCount) => new(Name, Id, Driver, Bridge,
        Subnet4?.ToString(), Gateway4?.ToString(), Subnet6?.ToString(), Gateway6?.ToString(),
        Internal, Mtu, Created, endpointCount);
}
