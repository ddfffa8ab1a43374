namespace ForgeNet.Kernel.Nftables;

/// <summary>What changed in the ruleset, from the nf_tables message type of a netlink event.</summary>
public enum NftMonitorEventKind
{
    TableAdded,
    TableDeleted,
    ChainAdded,
    ChainDeleted,
    RuleAdded,
    RuleDeleted,
    SetAdded,
    SetDeleted,
    ElementsAdded,
    ElementsDeleted,

    /// <summary>A transaction was committed: it ends the events of one batch (NFT_MSG_NEWGEN).</summary>
    Generation,

    /// <summary>The kernel dropped events because the socket buffer was full: re-read what matters.</summary>
    Overrun,

    /// <summary>Any other nf_tables message (objects, flowtables, …).</summary>
    Other,
}
