namespace ForgeNet.Core.Policy;

/// <summary>The YAML names of <see cref="TransportProtocol"/> values.</summary>
public static class TransportProtocols
{
    /// <summary>Every protocol name, as policies spell them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tcp", "udp", "icmp", "icmpv6"];

    /// <summary>"tcp", "udp", "icmp" or "icmpv6" (also the nftables names).</summary>
    public static string ToName(this TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => "tcp",
        TransportProtocol.Udp => "udp",
        TransportProtocol.Icmp => "icmp",
        TransportProtocol.IcmpV6 => "icmpv6",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    /// <summary>Reads a protocol name (lower case).</summary>
    public static bool TryParse(string? name, out TransportProtocol protocol)
    {
        (var ok, protocol) = name switch
        {
            "tcp" => (true, TransportProtocol.Tcp),
            "udp" => (true, TransportProtocol.Udp),
            "icmp" => (true, TransportProtocol.Icmp),
            "icmpv6" => (true, TransportProtocol.IcmpV6),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>True for the protocols that have ports (tcp, udp).</summary>
    public static bool HasPorts(this TransportProtocol protocol) => protocol is TransportProtocol.Tcp or TransportProtocol.Udp;
}
