namespace ForgeNet.Core.Model;

/// <summary>What a caller asks for when creating a network; unset fields get defaults chosen by the engine.</summary>
public sealed record NetworkSpec(string Name)
{
    /// <summary>IPv4 CIDR; null picks the first free /24 in 10.89.0.0/16.</summary>
    public string? Subnet4 { get; init; }

    /// <summary>Add an IPv6 subnet: <see cref="Subnet6"/>, or a ULA /64 derived from the name.</summary>
    public bool Ipv6 { get; init; }

    /// <summary>IPv6 CIDR (prefix 64..124); setting it implies <see cref="Ipv6"/>.</summary>
    public string? Subnet6 { get; init; }

    /// <summary>No default route for the network's sandboxes, and never NAT.</summary>
    public bool Internal { get; init; }

    /// <summary>MTU of the bridge and every veth on it; null = 1500.</summary>
    public int? Mtu { get; init; }
}
