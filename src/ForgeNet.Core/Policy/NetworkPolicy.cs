namespace ForgeNet.Core.Policy;

/// <summary>
/// A sandbox's network policy: its isolation mode, ingress and egress allow rules (default deny both ways
/// except replies), published ports, limits, DNS, anti-spoofing and IPv6 hygiene. Immutable; policies from
/// <see cref="PolicyLoader"/> are validated, and <see cref="Validate"/> checks one built in code.
/// </summary>
public sealed record NetworkPolicy
{
    /// <summary>The policy of an empty file: loopback only.</summary>
    public static NetworkPolicy Default { get; } = new();

    /// <summary>The isolation mode; loopback-only unless the policy says otherwise.</summary>
    public PolicyMode Mode { get; init; } = PolicyMode.LoopbackOnly;

    /// <summary>A free-form note about the policy.</summary>
    public string? Description { get; init; }

    /// <summary>What may connect to the sandbox (published ports are allowed on top of these).</summary>
    public EquatableArray<PolicyRule> Ingress { get; init; }

    /// <summary>What the sandbox may connect to.</summary>
    public EquatableArray<PolicyRule> Egress { get; init; }

    /// <summary>Published ports (mode private only).</summary>
    public EquatableArray<PortMapping> Ports { get; init; }

    /// <summary>Connection, packet and bandwidth limits; none by default.</summary>
    public TrafficLimits Limits { get; init; } = TrafficLimits.None;

    /// <summary>Whether the sandbox may query its network's resolver; not by default.</summary>
    public DnsSettings Dns { get; init; } = DnsSettings.Deny;

    /// <summary>The sandbox may send only from its own addresses and MAC (on unless a policy turns it off).</summary>
    public bool AntiSpoofing { get; init; } = true;

    /// <summary>accept_ra=0 in the sandbox; its router advertisements, redirects and neighbour spoofing dropped on the bridge.</summary>
    public bool Ipv6Hygiene { get; init; } = true;

    /// <summary>Checks the rules that tie keys together (mode against rules, duplicate host ports, ...); throws <see cref="PolicyException"/> on the first error.</summary>
    public IReadOnlyList<PolicyWarning> Validate(string sourceName = "policy") =>
        PolicyValidator.ValidateOrThrow(this, sourceName, PolicyPositions.None);

    /// <summary>The canonical YAML of this policy (what <c>forge policy show</c> prints).</summary>
    public override string ToString() => PolicyFormatter.Format(this);
}
