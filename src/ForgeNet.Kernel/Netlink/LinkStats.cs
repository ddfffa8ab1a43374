namespace ForgeNet.Kernel.Netlink;

/// <summary>A link's counters (IFLA_STATS64).</summary>
public sealed record LinkStats(ulong RxPackets, ulong TxPackets, ulong RxBytes, ulong TxBytes,
    ulong RxErrors, ulong TxErrors, ulong RxDropped, ulong TxDropped);
