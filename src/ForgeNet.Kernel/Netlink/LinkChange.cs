using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace ForgeNet.Kernel.Netlink;

/// <summary>Changes to one link, applied by one request; null leaves a property as it is.</summary>
public sealed record LinkChange(int Index)
{
    public bool? Up { get; init; }

    public int? Mtu { get; init; }

    public PhysicalAddress? Mac { get; init; }

    /// <summary>Enslave to this link; 0 releases the link from its master.</summary>
    public int? MasterIndex { get; init; }

    /// <summary>Move the link into this network namespace (IFLA_NET_NS_FD).</summary>
    public SafeHandle? Namespace { get; init; }

    public string? Name { get; init; }

    public uint? Group { get; init; }

    /// <summary>The alias; "" removes it.</summary>
    public string? Alias { get; init; }
}
