using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Dns.Server;

namespace ForgeNet.Dns.Hosting;

/// <summary>How a <see cref="DnsHost"/> serves the store's networks.</summary>
public sealed record DnsHostOptions
{
    /// <summary>Namespace that plays "the host" (the gateways live there); null = the process's own. Usually EngineOptions.HostNamespacePath.</summary>
    public string? HostNamespacePath { get; init; }

    /// <summary>Serve only these networks (e.g. a <c>forge run</c> sandbox's); null = every network in the store.</summary>
    public IReadOnlySet<string>? Networks { get; init; }

    /// <summary>Upstream resolvers; null = the nameservers of /etc/resolv.conf (<see cref="ResolvConf.Nameservers"/>).</summary>
    public IReadOnlyList<IPEndPoint>? Upstreams { get; init; }

    /// <summary>The policy; null = the engine's <c>DomainEgress</c>.</summary>
    public IDomainEgress? Egress { get; init; }

    public int Port { get; init; } = 53;

    public DnsServerLimits Limits { get; init; } = new();

    /// <summary>How often the host looks for networks that came or went (queries see zone changes at once regardless).</summary>
    public TimeSpan NetworkPoll { get; init; } = TimeSpan.FromSeconds(1);
}
