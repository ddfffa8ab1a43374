using System.Net.NetworkInformation;

namespace ForgeNet.Kernel.Netlink;

/// <summary>A dummy link to create (needs CONFIG_DUMMY; kernels without it answer EOPNOTSUPP "Unknown device type").</summary>
public sealed record DummyOptions(string Name)
{
    public int? Mtu { get; init; }

    /// <summary>The MAC; without it the kernel picks a random one.</summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary>Bring the link up on creation.</summary>
    public bool Up { get; init; }

    /// <summary>IFLA_GROUP, for deleting many links with one request.</summary>
    public uint? Group { get; init; }

    /// <summary>IFLA_IFALIAS, e.g. an ownership tag.</summary>
    public string? Alias { get; init; }
}
