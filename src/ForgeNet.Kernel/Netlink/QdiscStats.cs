namespace ForgeNet.Kernel.Netlink;

/// <summary>A qdisc's counters (TCA_STATS2: gnet_stats_basic and gnet_stats_queue).</summary>
/// <param name="Bytes">Bytes the qdisc passed on (sent, for a root qdisc; received, for ingress).</param>
/// <param name="Drops">Packets the qdisc dropped (for TBF: beyond the queue limit).</param>
/// <param name="Overlimits">Times a packet had to wait for tokens (TBF) or was over a limit.</param>
/// <param name="Backlog">Bytes queued now.</param>
/// <param name="QueueLength">Packets queued now.</param>
public sealed record QdiscStats(ulong Bytes, ulong Packets, uint Drops, uint Overlimits, uint Requeues, uint Backlog, uint QueueLength);
