namespace ForgeNet.Core.Firewall;

/// <summary>Where a compiled rule applies: to bridged peer traffic, to routed traffic (and the host itself), or both.</summary>
[Flags]
internal enum FirewallScope
{
    /// <summary>Frames between ports of one bridge: the bridge table.</summary>
    Bridged = 1,

    /// <summary>Packets the host routes, receives or sends: the inet table.</summary>
    Routed = 2,

    Both = Bridged | Routed,
}
