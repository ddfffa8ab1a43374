namespace ForgeNet.Kernel.Netlink;

/// <summary>A qdisc as the kernel reports it.</summary>
/// <param name="Index">The ifindex of its link.</param>
/// <param name="Kind">TCA_KIND: "tbf", "ingress", "noqueue", "pfifo_fast", ...</param>
/// <param name="Handle">tcm_handle, major:minor in the upper and lower 16 bits (1: is 0x10000; ingress is ffff: 0xFFFF0000).</param>
/// <param name="Parent">tcm_parent: 0xFFFFFFFF for the root, 0xFFFFFFF1 for ingress, else the parent class.</param>
/// <param name="Stats">The counters, or null when the kernel sent none.</param>
public sealed record QdiscInfo(int Index, string Kind, uint Handle, uint Parent, QdiscStats? Stats)
{
    /// <summary>The root (egress) qdisc of its link.</summary>
    public bool IsRoot => Parent == 0xFFFF_FFFF;

    /// <summary>The ingress (or clsact) qdisc of its link.</summary>
    public bool IsIngress => Parent == 0xFFFF_FFF1;

    /// <summary>For a "tbf" qdisc its parameters (rate, burst, limit, handle); null otherwise. The kernel keeps the burst as time, so it comes back rounded to one scheduler tick's worth of bytes (rate × 64 ns).</summary>
    public TokenBucketOptions? TokenBucket { get; init; }
}
