using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// The left-hand sides the direct path can load, as nft 1.0.6 linearizes them (proto.c, meta.c, ct.c): header fields
/// by protocol and name, the meta and ct keys the firewall uses, and raw payload (<c>@th,64,128</c>).
/// </summary>
internal static class NftFields
{
    // Kernel payload bases (NFT_PAYLOAD_*_HEADER); nft numbers the same bases from 1 in its "typeof" data.
    public const uint LinkBase = 0, NetworkBase = 1, TransportBase = 2;

    private const uint PayloadExpr = 7, MetaExpr = 9, CtExpr = 12;

    private static readonly Dictionary<(string Protocol, string Field), NftField> Payloads = BuildPayloads();

    public static NftField Resolve(NftExpr expr) => expr switch
    {
        NftPayload p => Payloads.TryGetValue((p.Protocol, p.Field), out var f) ? f : throw new NftDirectUnsupportedException($"payload {p}"),
        NftMeta m => Meta(m.Key),
        NftCt c => Ct(c.Key),
        NftRawExpr raw => RawPayload(raw.Json),
        _ => throw new NftDirectUnsupportedException($"expression {expr}"),
    };

    private static NftField Meta(NftMetaKey key) => key switch
    {
        NftMetaKey.Protocol => MetaField(1, NftTypes.EtherType, 2, NftByteOrder.Big),
        NftMetaKey.Mark => MetaField(3, NftTypes.Mark, 4, NftByteOrder.Host),
        NftMetaKey.IifName => MetaField(6, NftTypes.IfName, 16, NftByteOrder.Host),
        NftMetaKey.OifName => MetaField(7, NftTypes.IfName, 16, NftByteOrder.Host),
        NftMetaKey.NfProto => MetaField(15, NftTypes.NfProto, 1, NftByteOrder.Host),
        NftMetaKey.L4Proto => MetaField(16, NftTypes.InetProto, 1, NftByteOrder.Host),
        _ => throw new NftDirectUnsupportedException($"meta {key}"),
    };

    private static NftField Ct(NftCtKey key) => key switch
    {
        NftCtKey.State => CtField(0, NftTypes.CtState, 4),
        NftCtKey.Direction => CtField(1, NftTypes.CtDir, 1),
        NftCtKey.Status => CtField(2, NftTypes.CtStatus, 4),
        NftCtKey.Mark => CtField(3, NftTypes.Mark, 4),
        _ => throw new NftDirectUnsupportedException($"ct {key}"),
    };

    private static NftField MetaField(uint key, NftType type, int length, NftByteOrder order) =>
        new(NftFieldKind.Meta, type, length, order, null, 0, 0, key,
            new NftUData().U32(0, MetaExpr).Nest(1, new NftUData().U32(0, key)).ToArray());

    private static NftField CtField(uint key, NftType type, int length) =>
        new(NftFieldKind.Ct, type, length, NftByteOrder.Host, null, 0, 0, key,
            new NftUData().U32(0, CtExpr).Nest(1, new NftUData().U32(0, key).U32(1, uint.MaxValue)).ToArray());

    /// <summary><c>{"payload":{"base":"th","offset":64,"len":128}}</c>: whole bytes only; no dependency, as nft adds none.</summary>
    private static NftField RawPayload(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("payload", out var p) || !p.TryGetProperty("base", out var b)
            || !p.TryGetProperty("offset", out var o) || !p.TryGetProperty("len", out var l) || p.EnumerateObject().Count() != 3)
            throw new NftDirectUnsupportedException($"raw expression {json}");
        var kernelBase = b.GetString() switch
        {
            "ll" => LinkBase,
            "nh" => NetworkBase,
            "th" => TransportBase,
            _ => throw new NftDirectUnsupportedException($"raw payload base in {json}"),
        };
        var (offset, bits) = (o.GetUInt32(), l.GetUInt32());
        if (offset % 8 != 0 || bits % 8 != 0 || bits is 0 or > 128)
            throw new NftDirectUnsupportedException($"raw payload {json} not on whole bytes");
        var typeOf = new NftUData().U32(0, PayloadExpr).Nest(1, new NftUData()
            .U32(0, 0).U32(1, 0).U32(2, kernelBase + 1).U32(3, offset).U32(4, bits)).ToArray();
        return new NftField(NftFieldKind.Payload, NftTypes.Integer, (int)bits / 8, NftByteOrder.Big, null, kernelBase, offset / 8, 0, typeOf);
    }

    private static Dictionary<(string, string), NftField> BuildPayloads()
    {
        var fields = new Dictionary<(string, string), NftField>();
        void Add(string protocol, uint desc, uint @base, params (string Name, uint Id, uint OffsetBits, int Bits, NftType Type)[] entries)
        {
            foreach (var (name, id, offset, bits, type) in entries)
            {
                var typeOf = new NftUData().U32(0, PayloadExpr).Nest(1, new NftUData().U32(0, desc).U32(1, id)).ToArray();
                fields[(protocol, name)] = new NftField(NftFieldKind.Payload, type, bits / 8, NftByteOrder.Big, protocol, @base, offset / 8, 0, typeOf);
            }
        }
        Add("ether", 17, LinkBase, ("daddr", 1, 0, 48, NftTypes.EtherAddr), ("saddr", 2, 48, 48, NftTypes.EtherAddr), ("type", 3, 96, 16, NftTypes.EtherType));
        Add("arp", 15, NetworkBase, ("htype", 1, 0, 16, NftTypes.Integer), ("ptype", 2, 16, 16, NftTypes.EtherType),
            ("hlen", 3, 32, 8, NftTypes.Integer), ("plen", 4, 40, 8, NftTypes.Integer), ("operation", 5, 48, 16, NftTypes.ArpOp),
            ("saddr ether", 6, 64, 48, NftTypes.EtherAddr), ("saddr ip", 7, 112, 32, NftTypes.Ipv4Addr),
            ("daddr ether", 8, 144, 48, NftTypes.EtherAddr), ("daddr ip", 9, 192, 32, NftTypes.Ipv4Addr));
        Add("ip", 12, NetworkBase, ("ttl", 8, 64, 8, NftTypes.Integer), ("protocol", 9, 72, 8, NftTypes.InetProto),
            ("saddr", 11, 96, 32, NftTypes.Ipv4Addr), ("daddr", 12, 128, 32, NftTypes.Ipv4Addr));
        Add("ip6", 13, NetworkBase, ("nexthdr", 6, 48, 8, NftTypes.InetProto), ("hoplimit", 7, 56, 8, NftTypes.Integer),
            ("saddr", 8, 64, 128, NftTypes.Ipv6Addr), ("daddr", 9, 192, 128, NftTypes.Ipv6Addr));
        foreach (var (protocol, desc) in new[] { ("tcp", 8u), ("udp", 6u), ("th", 11u) })
            Add(protocol, desc, TransportBase, ("sport", 1, 0, 16, NftTypes.InetService), ("dport", 2, 16, 16, NftTypes.InetService));
        Add("icmp", 4, TransportBase, ("type", 1, 0, 8, NftTypes.IcmpType));
        Add("icmpv6", 14, TransportBase, ("type", 1, 0, 8, NftTypes.Icmpv6Type));
        return fields;
    }
}
