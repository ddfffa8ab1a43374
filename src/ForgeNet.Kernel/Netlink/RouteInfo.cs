using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Kernel.Netlink;

/// <summary>A route as the kernel reports it. <see cref="Destination"/> null is a default route.</summary>
/// <param name="Protocol">rtm_protocol: 2 kernel, 3 boot, 4 static, ...</param>
/// <param name="Type">rtm_type: 1 unicast, 2 local, 3 broadcast, ...</param>
public sealed record RouteInfo(AddressFamily Family, IpPrefix? Destination, IPAddress? Gateway, int OutputIndex,
    uint Table, uint Metric, byte Protocol, byte Scope, byte Type);
