namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// An nftables data type of a set key or map value (<c>ipv4_addr</c>, <c>inet_service</c>, …). The well-known ones
/// are properties; any other name nft reports survives a read-back as it is.
/// </summary>
public readonly record struct NftDataType
{
    public NftDataType(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The type's name in nft syntax and JSON.</summary>
    public string Name { get; }

    public static NftDataType Ipv4Addr => new("ipv4_addr");
    public static NftDataType Ipv6Addr => new("ipv6_addr");
    public static NftDataType InetService => new("inet_service");
    public static NftDataType InetProto => new("inet_proto");
    public static NftDataType IfName => new("ifname");
    public static NftDataType EtherAddr => new("ether_addr");
    public static NftDataType Mark => new("mark");
    public static NftDataType Verdict => new("verdict");

    public override string ToString() => Name;
}
