using System.Net;

namespace ForgeNet.Core.Policy;

/// <summary>
/// A named set of destinations an egress rule may use instead of CIDRs. The ONE place where
/// <c>public-internet</c> is defined; docs/POLICY.md lists the same ranges and a test keeps them equal.
/// </summary>
public sealed class EgressPreset
{
    private EgressPreset(string name, EquatableArray<IPNetwork> allowed, EquatableArray<IPNetwork> denied)
        => (Name, Allowed, Denied) = (name, allowed, denied);

    /// <summary>
    /// Every public address, decided on the destination of each connection: 0.0.0.0/0 and ::/0, except
    /// <see cref="Denied"/>, the host's own addresses and the subnets of ForgeNet's networks.
    /// </summary>
    public static EgressPreset PublicInternet { get; } = new(
        "public-internet",
        [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")],
        [
            IPNetwork.Parse("0.0.0.0/8"),        // "this network"; Linux delivers 0.0.0.0 to the local host
            IPNetwork.Parse("10.0.0.0/8"),       // RFC 1918
            IPNetwork.Parse("100.64.0.0/10"),    // CGNAT (RFC 6598); also Alibaba Cloud's metadata 100.100.100.200
            IPNetwork.Parse("127.0.0.0/8"),      // loopback
            IPNetwork.Parse("169.254.0.0/16"),   // link-local, with the cloud metadata address 169.254.169.254
            IPNetwork.Parse("172.16.0.0/12"),    // RFC 1918
            IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments (RFC 6890), not globally routed
            IPNetwork.Parse("192.168.0.0/16"),   // RFC 1918
            IPNetwork.Parse("224.0.0.0/4"),      // multicast
            IPNetwork.Parse("240.0.0.0/4"),      // reserved, with the broadcast address 255.255.255.255
            IPNetwork.Parse("::/128"),           // unspecified
            IPNetwork.Parse("::1/128"),          // loopback
            IPNetwork.Parse("::ffff:0:0/96"),    // IPv4-mapped: would reach the IPv4 ranges above
            IPNetwork.Parse("fc00::/7"),         // unique local (ULA); also AWS's IPv6 metadata fd00:ec2::254
            IPNetwork.Parse("fe80::/10"),        // link-local
            IPNetwork.Parse("fec0::/10"),        // deprecated site-local
            IPNetwork.Parse("ff00::/8"),         // multicast
        ]);

    /// <summary>Every preset, by name.</summary>
    public static IReadOnlyList<EgressPreset> All { get; } = [PublicInternet];

    /// <summary>The name a policy uses: <c>public-internet</c>.</summary>
    public string Name { get; }

    /// <summary>The ranges the preset starts from.</summary>
    public EquatableArray<IPNetwork> Allowed { get; }

    /// <summary>The ranges taken out of <see cref="Allowed"/>, whatever the rules say.</summary>
    public EquatableArray<IPNetwork> Denied { get; }

    /// <summary>True: the host's own addresses (all interfaces, found when the policy is applied) are denied too.</summary>
    public bool DeniesHostAddresses => true;

    /// <summary>True: the subnets of ForgeNet's own networks (other sandboxes) are denied too.</summary>
    public bool DeniesSandboxNetworks => true;

    /// <summary>Finds a preset by name.</summary>
    public static EgressPreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>True when <paramref name="destination"/> is in <see cref="Allowed"/> and not in <see cref="Denied"/> (host and sandbox addresses aside).</summary>
    public bool Allows(IPAddress destination) =>
        Allowed.Any(n => n.Contains(destination)) && !Denied.Any(n => n.Contains(destination));

    public override string ToString() => Name;
}
