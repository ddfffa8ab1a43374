namespace ForgeNet.Kernel.Nftables;

/// <summary>Expressions and values in nft syntax.</summary>
internal static partial class NftText
{
    // Strings nft knows as symbols are written bare; anything else (interface names) is quoted, as nft lists them.
    private static readonly HashSet<string> Symbols =
    [
        "icmp", "igmp", "tcp", "udp", "gre", "esp", "ah", "ipv6-icmp", "sctp", "udplite",
        "invalid", "established", "related", "new", "untracked", "ipv4", "ipv6",
    ];

    public static string Format(NftExpr expr) => expr switch
    {
        NftPayload p => $"{p.Protocol} {p.Field}",
        NftMeta { Key: NftMetaKey.IifName or NftMetaKey.OifName or NftMetaKey.Iif or NftMetaKey.Oif } m => NftExprNames.Of(m.Key),
        NftMeta m => "meta " + NftExprNames.Of(m.Key),
        NftCt c => "ct " + NftExprNames.Of(c.Key),
        NftConcatExpr c => string.Join(" . ", c.Parts.Select(Format)),
        NftRawExpr raw => $"<json {raw.Json}>",
        _ => throw new ArgumentException($"unknown nftables expression {expr.GetType().Name}", nameof(expr)),
    };

    public static string Format(NftValue value) => value switch
    {
        NftNumber n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NftString s => Symbols.Contains(s.Value) ? s.Value : $"\"{s.Value}\"",
        NftAddress a => Address(a.Value),
        NftPrefix p => $"{Address(p.Network)}/{p.Length}",
        NftRange r => $"{Format(r.From)}-{Format(r.To)}",
        NftConcat c => string.Join(" . ", c.Parts.Select(Format)),
        NftSetRef r => "@" + r.Name,
        NftAnonymousSet s => $"{{ {string.Join(", ", s.Elements.Select(Format))} }}",
        NftMapEntry e => $"{Format(e.Key)} : {Format(e.Value)}",
        NftFlagList f => string.Join(",", f.Names),
        NftVerdict v => v.Target is null ? v.Kind.ToString().ToLowerInvariant() : $"{v.Kind.ToString().ToLowerInvariant()} {v.Target}",
        NftRawValue raw => $"<json {raw.Json}>",
        _ => throw new ArgumentException($"unknown nftables value {value.GetType().Name}", nameof(value)),
    };
}
