using System.Net.NetworkInformation;

namespace ForgeNet.Kernel.Netlink;

/// <summary>A dummy link to create (needs CONFIG_DUMMY; kernels without it answer EOPNOTSUPP "Unknown device type").</summary>
public sealed record DummyOptions(string Name)
{
    public int? Mtu { get; init; }

    public PhysicalAddress? Mac { get; init; }

    public bool Up { get; init; }

    public uint? Group { get; init; }

    public string? Alias { get; init; }
}
