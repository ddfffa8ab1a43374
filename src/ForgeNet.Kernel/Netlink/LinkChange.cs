using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace ForgeNet.Kernel.Netlink;

/// <summary>Changes to one link, applied by one request; null leaves a property as it is.</summary>
public sealed record LinkChange(int Index)
{
    /// <summary>IFF_UP on (true) or off (false).</summary>
    public bool? Up { get; init; }

    public int? Mtu { get; init; }

    public PhysicalAddress? Mac { get; init; }

    /// <summary>Enslave to this link; 0 releases the link from its master.</summary>
    public int? MasterIndex { get; init; }

    /// <summary>Move the link into this network namespace (IFLA_NET_NS_FD).</summary>
    public SafeHandle? Namespace { get; init; }

    /// <summary>A new name for the link.</summary>
    public string? Name { get; init; }

    /// <summary>IFLA_GROUP; 0 puts the link back in the default group.</summary>
    public uint? Group { get; init; }

    /// <summary>The alias; "" removes it.</summary>
    public string? Alias { get; init; }
}
