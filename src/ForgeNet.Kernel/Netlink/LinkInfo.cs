using System.Net.NetworkInformation;

namespace ForgeNet.Kernel.Netlink;

/// <summary>A link as the kernel reports it.</summary>
/// <param name="Kind">IFLA_INFO_KIND ("veth", "bridge"), null for links without one (lo, physical devices).</param>
/// <param name="Flags">ifi_flags: IFF_UP = 0x1, IFF_LOWER_UP = 0x10000, ...</param>
/// <param name="LinkIndex">IFLA_LINK: for a veth the peer's ifindex (in <see cref="LinkNamespaceId"/> when set).</param>
public sealed record LinkInfo(int Index, string Name, string? Kind, uint Flags, int Mtu, PhysicalAddress? Mac,
    int MasterIndex, uint Group, string? Alias, int LinkIndex, LinkStats? Stats)
{
    public bool IsUp => (Flags & 1) != 0;

    /// <summary>IFLA_LINK_NETNSID: the id, in this namespace, of the namespace <see cref="LinkIndex"/> lives in.</summary>
    public int? LinkNamespaceId { get; init; }
}
