using ForgeNet.Cni.Spec;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cni.Plugin;

/// <summary>The runtimeConfig capabilities forge-cni takes: portMappings, bandwidth, ips, mac, dns.</summary>
internal sealed record RuntimeConfig
{
    /// <summary>No capabilities passed.</summary>
    public static RuntimeConfig None { get; } = new();

    /// <summary>portMappings, as the policy's published ports.</summary>
    public IReadOnlyList<PortMapping> PortMappings { get; init; } = [];

    /// <summary>bandwidth ingress (into the container), bits per second and burst bits.</summary>
    public BandwidthLimit? BandwidthIn { get; init; }

    /// <summary>bandwidth egress (out of the container).</summary>
    public BandwidthLimit? BandwidthOut { get; init; }

    /// <summary>ips: requested addresses ("10.89.0.5/24" or "10.89.0.5").</summary>
    public IReadOnlyList<string> Ips { get; init; } = [];

    /// <summary>mac: the requested MAC of the container interface.</summary>
    public string? Mac { get; init; }

    /// <summary>dns: servers, searches, options as the result's dns.</summary>
    public CniDns? Dns { get; init; }
}
