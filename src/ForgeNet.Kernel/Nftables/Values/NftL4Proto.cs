namespace ForgeNet.Kernel.Nftables;

/// <summary>Layer-4 protocols for <c>meta l4proto</c> and <c>ip protocol</c>; values are IANA protocol numbers.</summary>
public enum NftL4Proto : byte
{
    Icmp = 1,
    Igmp = 2,
    Tcp = 6,
    Udp = 17,
    Gre = 47,
    Esp = 50,
    Ah = 51,
    Icmpv6 = 58,
    Sctp = 132,
    UdpLite = 136,
}
