using System.Net.NetworkInformation;

namespace ForgeNet.Kernel.Netlink;

/// <summary>A bridge to create.</summary>
public sealed record BridgeOptions(string Name)
{
    public int? Mtu { get; init; }

    public PhysicalAddress? Mac { get; init; }

    public bool Up { get; init; }

    public uint? Group { get; init; }

    public string? Alias { get; init; }
}
