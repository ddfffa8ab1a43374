namespace ForgeNet.Kernel.Nftables;

/// <summary>How a <c>reject</c> answers: an ICMP error of the packet's IP version (icmpx), or a TCP reset.</summary>
public enum NftRejectWith
{
    PortUnreachable,
    AdminProhibited,
    HostUnreachable,
    NoRoute,
    TcpReset,
}
