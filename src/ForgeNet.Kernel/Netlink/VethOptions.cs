using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace ForgeNet.Kernel.Netlink;

/// <summary>A veth pair to create: the local end here, the peer here or directly in another namespace.</summary>
public sealed record VethOptions(string Name, string PeerName)
{
    /// <summary>A network namespace fd: the peer is created there (IFLA_NET_NS_FD in VETH_INFO_PEER), not moved later.</summary>
    public SafeHandle? PeerNamespace { get; init; }

    public PhysicalAddress? Mac { get; init; }

    public PhysicalAddress? PeerMac { get; init; }

    /// <summary>MTU of both ends.</summary>
    public int? Mtu { get; init; }

    /// <summary>Enslave the local end to this link (a bridge) on creation (IFLA_MASTER).</summary>
    public int? MasterIndex { get; init; }

    /// <summary>Bring the local end up on creation.</summary>
    public bool Up { get; init; }

    /// <summary>Bring the peer up as well (a second request: the kernel cannot open the peer while creating the pair).</summary>
    public bool PeerUp { get; init; }

    /// <summary>IFLA_GROUP of the local end, for deleting many links with one request.</summary>
    public uint? Group { get; init; }

    /// <summary>IFLA_IFALIAS of the local end, e.g. an ownership tag.</summary>
    public string? Alias { get; init; }
}
