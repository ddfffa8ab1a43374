using System.Net.NetworkInformation;

namespace ForgeNet.Kernel.Netlink;

/// <summary>A bridge to create.</summary>
public sealed record BridgeOptions(string Name)
{
    public int? Mtu { get; init; }

    /// <summary>The bridge's MAC; without it the kernel picks a random one (and later the lowest port's).</summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary>Bring the bridge up on creation.</summary>
    public bool Up { get; init; }

    /// <summary>IFLA_GROUP, for deleting many links with one request.</summary>
    public uint? Group { get; init; }

    /// <summary>IFLA_IFALIAS, e.g. an ownership tag.</summary>
    public string? Alias { get; init; }
}
