namespace ForgeNet.Kernel.Netlink;

/// <summary>
/// A token bucket filter (TBF) as a link's root qdisc: traffic leaving the link is held to <see cref="RateBytesPerSecond"/>
/// with bursts of up to <see cref="BurstBytes"/>; what would queue longer than <see cref="Latency"/> (or beyond
/// <see cref="LimitBytes"/>) is dropped. Also what <see cref="QdiscInfo.TokenBucket"/> reports back.
/// </summary>
/// <param name="RateBytesPerSecond">The sustained rate in bytes per second (20 Mbit/s is 2,500,000).</param>
/// <param name="BurstBytes">The bucket size. Below the link's MTU no full-size packet ever passes, so the kernel warns; keep it at least that.</param>
public sealed record TokenBucketOptions(ulong RateBytesPerSecond, uint BurstBytes)
{
    /// <summary>The latency the CNI bandwidth plugin uses when none is given.</summary>
    public static readonly TimeSpan DefaultLatency = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a packet may wait for tokens; the queue limit becomes rate × latency + burst (as `tc ... latency`). Default 25 ms.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>The queue limit in bytes, instead of <see cref="Latency"/> (as `tc ... limit`).</summary>
    public uint? LimitBytes { get; init; }

    /// <summary>The qdisc's handle, major number in the upper 16 bits. Default 1: (0x10000), as the CNI bandwidth plugin.</summary>
    public uint Handle { get; init; } = 0x0001_0000;
}
