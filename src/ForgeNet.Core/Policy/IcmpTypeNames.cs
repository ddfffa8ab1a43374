namespace ForgeNet.Core.Policy;

/// <summary>ICMP type names exactly as nftables spells them (nft describe icmp type / icmpv6 type).</summary>
internal static class IcmpTypeNames
{
    private static readonly (string Name, byte Type)[] V4Types =
    [
        ("echo-reply", 0),
        ("destination-unreachable", 3),
        ("source-quench", 4),
        ("redirect", 5),
        ("echo-request", 8),
        ("router-advertisement", 9),
        ("router-solicitation", 10),
        ("time-exceeded", 11),
        ("parameter-problem", 12),
        ("timestamp-request", 13),
        ("timestamp-reply", 14),
        ("info-request", 15),
        ("info-reply", 16),
        ("address-mask-request", 17),
        ("address-mask-reply", 18),
    ];

    private static readonly (string Name, byte Type)[] V6Types =
    [
        ("destination-unreachable", 1),
        ("packet-too-big", 2),
        ("time-exceeded", 3),
        ("parameter-problem", 4),
        ("echo-request", 128),
        ("echo-reply", 129),
        ("mld-listener-query", 130),
        ("mld-listener-report", 131),
        ("mld-listener-done", 132),
        ("mld-listener-reduction", 132),
        ("nd-router-solicit", 133),
        ("nd-router-advert", 134),
        ("nd-neighbor-solicit", 135),
        ("nd-neighbor-advert", 136),
        ("nd-redirect", 137),
        ("router-renumbering", 138),
        ("ind-neighbor-solicit", 141),
        ("ind-neighbor-advert", 142),
        ("mld2-listener-report", 143),
    ];

    public static IReadOnlyDictionary<string, byte> V4 { get; } = V4Types.ToDictionary(t => t.Name, t => t.Type, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, byte> V6 { get; } = V6Types.ToDictionary(t => t.Name, t => t.Type, StringComparer.Ordinal);

    /// <summary>The first (canonical) name of a type, or null when nftables has none.</summary>
    public static string? NameOf(TransportProtocol protocol, byte type)
    {
        foreach (var (name, value) in protocol == TransportProtocol.IcmpV6 ? V6Types : V4Types)
            if (value == type) return name;
        return null;
    }
}
