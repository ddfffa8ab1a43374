using System.Text;
using System.Text.RegularExpressions;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core.Drivers;

/// <summary>
/// Pure planning for bandwidth limits: the ifb's name for an endpoint, and a policy's <see cref="BandwidthLimit"/> as the
/// token bucket tc takes, checked against what the kernel's 32-bit fields hold so a bad limit fails before any change.
/// </summary>
internal static partial class BandwidthPlan
{
    /// <summary>An Ethernet header: a TBF measures whole frames, so a bucket of one MTU alone never passes a full packet.</summary>
    public const int FrameOverhead = 14;

    /// <summary>The longest a full bucket may take to fill: the kernel keeps it as 64 ns ticks in 32 bits (about 274 s).</summary>
    public static readonly TimeSpan MaxBucketTime = TimeSpan.FromSeconds(250);

    [GeneratedRegex(@"^fv[0-9a-f]{10}\z")]
    private static partial Regex GeneratedVeth();

    /// <summary>
    /// "fvi" + the veth's 10 hex digits (fv0123456789 -> fvi0123456789): 13 characters, and never a veth's name, since
    /// those are "fv" + hex only. A host interface named otherwise gets "fvi" + 10 hex of its SHA-256.
    /// </summary>
    public static string IfbName(string hostInterface)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostInterface);
        var suffix = GeneratedVeth().IsMatch(hostInterface)
            ? hostInterface[2..]
            : Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(hostInterface)))[..10];
        return "fvi" + suffix;
    }

    /// <summary>
    /// The TBF for <paramref name="limit"/> on a link of <paramref name="mtu"/>: the rate in bytes per second (at least 1),
    /// the burst in bytes raised to one full frame, 25 ms of queue (the CNI bandwidth plugin's latency).
    /// Throws InvalidArgument when the kernel could not hold it.
    /// </summary>
    public static TokenBucketOptions ToTokenBucket(BandwidthLimit limit, int mtu)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mtu);
        var rate = Math.Max(1UL, limit.BitsPerSecond / 8);
        var burst = Math.Max((limit.BurstBits + 7) / 8, (ulong)(mtu + FrameOverhead));
        if (burst > uint.MaxValue)
            throw ForgeException.Invalid($"limits.bandwidth: a burst of {BandwidthLimit.FormatBits(limit.BurstBits)} is more than the kernel's 32-bit byte count holds");
        if (burst / (double)rate > MaxBucketTime.TotalSeconds)
            throw ForgeException.Invalid($"limits.bandwidth: at {BandwidthLimit.FormatBits(limit.BitsPerSecond)} a burst of {burst} bytes (one full frame at least) takes over {MaxBucketTime.TotalSeconds:F0} s to refill, longer than the kernel's token bucket holds; raise the rate");
        var queue = rate * TokenBucketOptions.DefaultLatency.TotalSeconds + burst;
        if (queue > uint.MaxValue)
            throw ForgeException.Invalid($"limits.bandwidth: {BandwidthLimit.FormatBits(limit.BitsPerSecond)} with a burst of {BandwidthLimit.FormatBits(limit.BurstBits)} needs a queue longer than the kernel's 32-bit limit; lower the burst");
        return new TokenBucketOptions(rate, (uint)burst) { Latency = TokenBucketOptions.DefaultLatency };
    }

    /// <summary>"20mbit, burst 250000 bytes": a TBF as the kernel reports it (the burst comes back rounded to its clock).</summary>
    public static string Describe(TokenBucketOptions bucket) =>
        $"{BandwidthLimit.FormatBits(bucket.RateBytesPerSecond * 8)}, burst {bucket.BurstBytes} bytes";
}
