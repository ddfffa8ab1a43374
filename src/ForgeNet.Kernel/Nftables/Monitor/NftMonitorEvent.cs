namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// One ruleset change seen by <see cref="NftablesMonitor"/>. <see cref="Table"/> and <see cref="Name"/> (of the chain,
/// set or rule's chain) are null when the message has none; <see cref="Family"/> is null for families nft has no name for.
/// </summary>
public sealed record NftMonitorEvent(NftMonitorEventKind Kind, NftFamily? Family, string? Table, string? Name)
{
    /// <summary>The netlink port id of the socket whose request caused the change (0: the kernel).</summary>
    public uint PortId { get; init; }

    /// <summary>For <see cref="NftMonitorEventKind.Generation"/>: the new ruleset generation.</summary>
    public uint? GenerationId { get; init; }

    /// <summary>For <see cref="NftMonitorEventKind.Generation"/>: the pid of the process that committed the batch.</summary>
    public int? ProcessId { get; init; }

    /// <summary>For <see cref="NftMonitorEventKind.Generation"/>: that process's name (e.g. "nft").</summary>
    public string? ProcessName { get; init; }
}
