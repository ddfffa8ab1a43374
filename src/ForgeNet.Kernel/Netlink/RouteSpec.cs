using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Kernel.Netlink;

/// <summary>A unicast route to add or delete. <see cref="Destination"/> null is the default route.</summary>
public sealed record RouteSpec(IpPrefix? Destination, IPAddress? Gateway, int OutputIndex)
{
    /// <summary>The family when neither destination nor gateway gives it (a default route with no gateway).</summary>
    public AddressFamily? Family { get; init; }

    /// <summary>RTNH_F_ONLINK: the gateway is reachable on the link even if no subnet route says so.</summary>
    public bool OnLink { get; init; }

    /// <summary>The routing table; 254 is main.</summary>
    public uint Table { get; init; } = 254;

    /// <summary>RTA_PRIORITY.</summary>
    public uint? Metric { get; init; }

    /// <summary>The scope; default LINK (253) without a gateway, UNIVERSE (0) with one.</summary>
    public byte? Scope { get; init; }

    /// <summary>rtm_protocol of an added route: 3 (boot) as `ip route add`; 4 (static) or a private number tags routes.</summary>
    public byte Protocol { get; init; } = 3;
}
