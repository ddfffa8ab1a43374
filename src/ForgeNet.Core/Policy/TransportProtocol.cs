namespace ForgeNet.Core.Policy;

/// <summary>A protocol a rule can name: <c>tcp</c>, <c>udp</c>, <c>icmp</c> or <c>icmpv6</c>.</summary>
public enum TransportProtocol
{
    /// <summary><c>tcp</c>: has ports.</summary>
    Tcp,

    /// <summary><c>udp</c>: has ports.</summary>
    Udp,

    /// <summary><c>icmp</c> (IPv4): has types, no ports.</summary>
    Icmp,

    /// <summary><c>icmpv6</c>: has types, no ports.</summary>
    IcmpV6,
}
