using System.Net.Sockets;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Statements in nft syntax.</summary>
internal static partial class NftText
{
    public static string Format(NftStatement statement) => statement switch
    {
        NftMatch m => FormatMatch(m),
        NftCounter { Packets: 0, Bytes: 0 } => "counter",
        NftCounter c => $"counter packets {c.Packets} bytes {c.Bytes}",
        NftLimit l => FormatLimit(l),
        NftVerdictStatement v => Format(v.Verdict),
        NftVerdictMap v => $"{Format(v.Key)} vmap {Format(v.Map)}",
        NftMasquerade m => Join("masquerade", NatFlags(m.Flags)),
        NftNat n => Join($"{(n.Kind == NftNatKind.Dnat ? "dnat" : "snat")} {NatTarget(n)}", NatFlags(n.Flags)),
        NftLog l => Join(Join("log", l.Prefix is null ? "" : $"prefix \"{l.Prefix}\""), l.Level is null ? "" : "level " + l.Level.Value.ToString().ToLowerInvariant()),
        NftReject { With: NftRejectWith.PortUnreachable } => "reject",
        NftReject { With: NftRejectWith.TcpReset } => "reject with tcp reset",
        NftReject r => $"reject with icmpx {RejectCode(r.With)}",
        NftRawStatement raw => $"<json {raw.Json}>",
        _ => throw new ArgumentException($"unknown nftables statement {statement.GetType().Name}", nameof(statement)),
    };

    private static string FormatMatch(NftMatch m)
    {
        var op = m.Op switch
        {
            NftOp.Eq or NftOp.In => "",
            _ => NftJsonWriter.OpName(m.Op) + " ",
        };
        return $"{Format(m.Left)} {op}{Format(m.Right)}";
    }

    private static string FormatLimit(NftLimit l)
    {
        var over = l.Over ? "over " : "";
        if (l.RateUnit == NftRateUnit.Packets)
            return $"limit rate {over}{l.Rate}/{Unit(l.Per)}{(l.Burst == 5 ? "" : $" burst {l.Burst} packets")}";
        var burstUnit = l.BurstUnit == NftRateUnit.Packets ? NftRateUnit.Bytes : l.BurstUnit;
        return $"limit rate {over}{l.Rate} {Unit(l.RateUnit)}/{Unit(l.Per)}{(l.Burst == 0 ? "" : $" burst {l.Burst} {Unit(burstUnit)}")}";
    }

    private static string Unit(NftTimeUnit unit) => unit.ToString().ToLowerInvariant();

    private static string Unit(NftRateUnit unit) => unit.ToString().ToLowerInvariant();

    private static string NatTarget(NftNat n)
    {
        var v6 = n.Address.AddressFamily == AddressFamily.InterNetworkV6;
        var address = Address(n.Address);
        if (n.Port is not { } port)
            return $"{(v6 ? "ip6" : "ip")} to {address}";
        return v6 ? $"ip6 to [{address}]:{port}" : $"ip to {address}:{port}";
    }

    private static string NatFlags(NftNatFlags flags) => string.Join(",", NatFlagNames(flags));

    internal static List<string> NatFlagNames(NftNatFlags flags)
    {
        var names = new List<string>();
        if (flags.HasFlag(NftNatFlags.Random))
            names.Add("random");
        if (flags.HasFlag(NftNatFlags.FullyRandom))
            names.Add("fully-random");
        if (flags.HasFlag(NftNatFlags.Persistent))
            names.Add("persistent");
        return names;
    }

    private static string RejectCode(NftRejectWith with) => with switch
    {
        NftRejectWith.AdminProhibited => "admin-prohibited",
        NftRejectWith.HostUnreachable => "host-unreachable",
        NftRejectWith.NoRoute => "no-route",
        _ => "port-unreachable",
    };

    private static string Join(string head, string tail) => tail.Length == 0 ? head : $"{head} {tail}";
}
