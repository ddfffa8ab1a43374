using System.Net;

namespace ForgeNet.Core.Policy;

/// <summary>
/// One allow rule of a direction: traffic whose remote end matches any selector (peer, CIDR, domain, preset)
/// and whose protocol matches <see cref="Protocols"/>, <see cref="Ports"/> or <see cref="IcmpTypes"/>
/// (all three empty: every protocol). Rules only ever allow; what no rule allows is dropped.
/// </summary>
public sealed record PolicyRule
{
    /// <summary>A free-form note, shown by <c>forge policy show</c> and in firewall counters.</summary>
    public string? Description { get; init; }

    /// <summary>Sandboxes by name or labels.</summary>
    public EquatableArray<PeerSelector> Peers { get; init; }

    /// <summary>Networks, IPv4 or IPv6, host bits clear. A rule written without <c>to</c>/<c>from</c> holds 0.0.0.0/0 and ::/0.</summary>
    public EquatableArray<IPNetwork> Cidrs { get; init; }

    /// <summary>DNS names (egress only): allowed addresses are learnt from the network's resolver.</summary>
    public EquatableArray<DomainPattern> Domains { get; init; }

    /// <summary>Named destination sets (egress only), e.g. <see cref="EgressPreset.PublicInternet"/>.</summary>
    public EquatableArray<EgressPreset> Presets { get; init; }

    /// <summary>Protocols allowed on every port or type.</summary>
    public EquatableArray<TransportProtocol> Protocols { get; init; }

    /// <summary>Tcp and udp ports and ranges (the remote's port for egress, the sandbox's for ingress).</summary>
    public EquatableArray<PortRange> Ports { get; init; }

    /// <summary>ICMP and ICMPv6 types allowed.</summary>
    public EquatableArray<IcmpType> IcmpTypes { get; init; }

    /// <summary>True when the rule names no protocol, port or type: it allows every protocol.</summary>
    public bool AllowsAllProtocols => Protocols.IsEmpty && Ports.IsEmpty && IcmpTypes.IsEmpty;

    /// <summary>True when the rule names no selector at all (it then matches nothing).</summary>
    public bool HasNoSelector => Peers.IsEmpty && Cidrs.IsEmpty && Domains.IsEmpty && Presets.IsEmpty;

    /// <summary>The rule as one flow line, in egress form (<c>to:</c>).</summary>
    public override string ToString() => PolicyFormatter.FormatRule(this);
}
