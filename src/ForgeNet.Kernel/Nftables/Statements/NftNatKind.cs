namespace ForgeNet.Kernel.Nftables;

/// <summary>Which address an address translation rewrites.</summary>
public enum NftNatKind
{
    /// <summary>Source NAT (<c>snat</c>), in nat postrouting.</summary>
    Snat,

    /// <summary>Destination NAT (<c>dnat</c>), in nat prerouting or output: port forwards.</summary>
    Dnat,
}
