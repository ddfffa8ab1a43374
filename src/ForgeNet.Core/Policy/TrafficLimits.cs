namespace ForgeNet.Core.Policy;

/// <summary>Rate and bandwidth limits of a sandbox; each null limit is unlimited.</summary>
public sealed record TrafficLimits
{
    /// <summary>No limits at all.</summary>
    public static TrafficLimits None { get; } = new();

    /// <summary>New connections the sandbox opens (nftables limit on ct state new, egress).</summary>
    public RateLimit? Connections { get; init; }

    /// <summary>Packets the sandbox sends (nftables limit, egress).</summary>
    public RateLimit? Packets { get; init; }

    /// <summary>Bandwidth into the sandbox (tc, like the CNI bandwidth plugin's ingressRate/ingressBurst).</summary>
    public BandwidthLimit? BandwidthIn { get; init; }

    /// <summary>Bandwidth out of the sandbox (tc, like the CNI bandwidth plugin's egressRate/egressBurst).</summary>
    public BandwidthLimit? BandwidthOut { get; init; }

    /// <summary>True when nothing is limited.</summary>
    public bool IsEmpty => Connections is null && Packets is null && BandwidthIn is null && BandwidthOut is null;
}
