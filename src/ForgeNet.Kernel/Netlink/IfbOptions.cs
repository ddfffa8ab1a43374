using System.Net.NetworkInformation;

namespace ForgeNet.Kernel.Netlink;

/// <summary>
/// An intermediate functional block (ifb) link to create: a device whose egress qdisc shapes traffic redirected to it,
/// which is how a link's incoming traffic gets a qdisc (needs CONFIG_IFB).
/// </summary>
public sealed record IfbOptions(string Name)
{
    public int? Mtu { get; init; }

    /// <summary>The MAC; without it the kernel picks a random one.</summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary>Bring the link up on creation; an ifb that is down drops what is redirected to it.</summary>
    public bool Up { get; init; }

    /// <summary>IFLA_GROUP, for deleting many links with one request.</summary>
    public uint? Group { get; init; }

    /// <summary>IFLA_IFALIAS, e.g. an ownership tag.</summary>
    public string? Alias { get; init; }
}
