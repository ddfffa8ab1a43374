namespace ForgeNet.Kernel.Netlink;

/// <summary>Where a qdisc hangs on a link.</summary>
public enum QdiscParent
{
    /// <summary>The root (egress) qdisc: TC_H_ROOT.</summary>
    Root,

    /// <summary>The ingress qdisc: TC_H_INGRESS (also where clsact lives).</summary>
    Ingress,
}
