using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Zone;

namespace ForgeNet.Dns.Server;

/// <summary>What one network's server needs: where to listen, its zone, the policy, and where to forward.</summary>
public sealed record DnsServerOptions
{
    public required string Network { get; init; }

    /// <summary>The addresses to listen on (the network's gateways).</summary>
    public required IReadOnlyList<IPAddress> Listen { get; init; }

    public int Port { get; init; } = 53;

    /// <summary>The network's current zone (called per query; cheap).</summary>
    public required Func<LocalZone?> Zone { get; init; }

    public required IDomainEgress Egress { get; init; }

    /// <summary>Upstream resolvers; any that is one of <see cref="OwnAddresses"/> (or <see cref="Listen"/>) is left out.</summary>
    public required IReadOnlyList<IPEndPoint> Upstreams { get; init; }

    /// <summary>Every address a ForgeNet resolver of this process listens on, so none is ever an upstream.</summary>
    public IReadOnlyCollection<IPAddress> OwnAddresses { get; init; } = [];

    /// <summary>Makes the listening and upstream sockets (in the namespace that plays the host).</summary>
    public required SocketFactory Sockets { get; init; }

    /// <summary>The cache to use (a host shares one among its networks); null = a private one.</summary>
    public ResponseCache? Cache { get; init; }

    public DnsServerLimits Limits { get; init; } = new();

    /// <summary>Where to count; null = a new set.</summary>
    public DnsCounters? Counters { get; init; }
}
