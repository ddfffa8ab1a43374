namespace ForgeNet.Kernel.Nftables;

/// <summary>An nftables address family (the first word of <c>table inet name</c>).</summary>
public enum NftFamily
{
    Inet,
    Ip,
    Ip6,
    Arp,
    Bridge,
    Netdev,
}
