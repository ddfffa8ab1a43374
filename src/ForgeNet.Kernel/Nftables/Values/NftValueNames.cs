namespace ForgeNet.Kernel.Nftables;

/// <summary>The names nft prints for protocol numbers and conntrack states.</summary>
internal static class NftValueNames
{
    // As nft 1.0.6 prints them; they resolve through /etc/protocols (netbase), as on the nft command line.
    public static string Of(NftL4Proto proto) => proto switch
    {
        NftL4Proto.Icmp => "icmp",
        NftL4Proto.Igmp => "igmp",
        NftL4Proto.Tcp => "tcp",
        NftL4Proto.Udp => "udp",
        NftL4Proto.Gre => "gre",
        NftL4Proto.Esp => "esp",
        NftL4Proto.Ah => "ah",
        NftL4Proto.Icmpv6 => "ipv6-icmp",
        NftL4Proto.Sctp => "sctp",
        NftL4Proto.UdpLite => "udplite",
        _ => throw new ArgumentOutOfRangeException(nameof(proto), proto, "no nft name known for this protocol"),
    };

    private static readonly (NftCtState State, string Name)[] CtStates =
    [
        (NftCtState.Invalid, "invalid"), (NftCtState.Established, "established"), (NftCtState.Related, "related"),
        (NftCtState.New, "new"), (NftCtState.Untracked, "untracked"),
    ];

    public static NftValue Of(NftCtState states)
    {
        var names = CtStates.Where(s => states.HasFlag(s.State)).Select(s => s.Name).ToArray();
        return names.Length switch
        {
            0 => throw new ArgumentException("at least one conntrack state is needed", nameof(states)),
            1 => new NftString(names[0]),
            _ => new NftFlagList(names),
        };
    }
}
