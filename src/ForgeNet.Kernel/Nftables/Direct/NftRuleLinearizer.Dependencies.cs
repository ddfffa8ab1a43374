namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// nft's protocol context (proto.c, payload.c): which network and transport protocol the rule has established so far,
/// and the dependency it inserts before a header field whose protocol is not established yet. Observed from nft 1.0.6:
/// on a bridge, <c>ip</c>/<c>ip6</c> fields get <c>meta protocol</c>, <c>arp</c> fields and ICMP's network layer get
/// <c>ether type</c>; in inet both get <c>meta nfproto</c>; TCP, UDP and ICMP get <c>meta l4proto</c>; <c>th</c> and raw
/// payload get nothing. A conflicting or unclear context sends the rule to libnftables, which reports it.
/// </summary>
internal sealed partial class NftRuleLinearizer
{
    private const string Unclear = "?";

    private static readonly Dictionary<string, ushort> EtherTypes = new() { ["ip"] = 0x0800, ["ip6"] = 0x86dd, ["arp"] = 0x0806 };
    private static readonly Dictionary<string, byte> L4Protos = new() { ["tcp"] = 6, ["udp"] = 17, ["icmp"] = 1, ["icmpv6"] = 58 };

    private string? _network;
    private string? _transport;

    private void Dependency(NftField field)
    {
        switch (field.Protocol)
        {
            case null or "th":
                return;
            case "ether":
                if (_family != NftFamily.Bridge) throw new NftDirectUnsupportedException("ether fields outside a bridge table");
                return;
            case "ip" or "ip6":
                Network(field.Protocol, bridgeMeta: true);
                return;
            case "arp":
                if (_family != NftFamily.Bridge) throw new NftDirectUnsupportedException("arp fields outside a bridge table");
                Network("arp", bridgeMeta: false);
                return;
            case "tcp" or "udp":
                Transport(field.Protocol, network: null);
                return;
            case "icmp":
                Transport("icmp", network: "ip");
                return;
            case "icmpv6":
                Transport("icmpv6", network: "ip6");
                return;
            default:
                throw new NftDirectUnsupportedException($"protocol {field.Protocol}");
        }
    }

    private void Network(string protocol, bool bridgeMeta)
    {
        if (_network == protocol) return;
        if (_network is not null) throw new NftDirectUnsupportedException($"{protocol} after {_network}");
        if (_family == NftFamily.Bridge)
        {
            var etherType = BigEndian(EtherTypes[protocol], 2);
            _expressions.Add(bridgeMeta
                ? new NftWireExpr.Meta(1, 0)
                : new NftWireExpr.Payload(0, NftFields.LinkBase, 12, 2));
            _expressions.Add(new NftWireExpr.Cmp(NftWireExpr.Cmp.Eq, etherType));
        }
        else
        {
            if (protocol == "arp") throw new NftDirectUnsupportedException("arp in an inet table");
            _expressions.Add(new NftWireExpr.Meta(15, 0));
            _expressions.Add(new NftWireExpr.Cmp(NftWireExpr.Cmp.Eq, [protocol == "ip" ? (byte)2 : (byte)10]));
        }
        _network = protocol;
    }

    private void Transport(string protocol, string? network)
    {
        if (_transport == protocol) return;
        if (_transport is not null) throw new NftDirectUnsupportedException($"{protocol} after {_transport}");
        if (network is not null) Network(network, bridgeMeta: false);
        _expressions.Add(new NftWireExpr.Meta(16, 0));
        _expressions.Add(new NftWireExpr.Cmp(NftWireExpr.Cmp.Eq, [L4Protos[protocol]]));
        _transport = protocol;
    }

    /// <summary>What a match tells about the protocols: its own field's, and the one it selects (<c>ether type ip</c>, <c>meta l4proto tcp</c>).</summary>
    private void Learn(NftField field, NftOp op, NftValue right)
    {
        if (field.Protocol is "ip" or "ip6" or "arp") _network = field.Protocol;
        if (field.Protocol is "tcp" or "udp" or "icmp" or "icmpv6") _transport = field.Protocol;
        if (Selector(field) is not { } layer) return;
        var value = op == NftOp.Eq && right is not (NftAnonymousSet or NftSetRef or NftPrefix or NftRange)
            ? Name(layer, field.Type.Encode(right, field.Length, field.ByteOrder))
            : Unclear;
        if (layer == "network") _network = Merge(_network, value);
        else _transport = Merge(_transport, value);
    }

    private static string Merge(string? known, string value) => known is null || known == value ? value : Unclear;

    // Fields whose value names the next protocol: ether type and meta protocol/nfproto (network), meta l4proto, ip protocol, ip6 nexthdr (transport).
    private static string? Selector(NftField field) => field switch
    {
        { Kind: NftFieldKind.Payload, Protocol: "ether", Offset: 12 } => "network",
        { Kind: NftFieldKind.Meta, Key: 1 or 15 } => "network",
        { Kind: NftFieldKind.Meta, Key: 16 } => "transport",
        { Kind: NftFieldKind.Payload, Protocol: "ip", Offset: 9 } or { Kind: NftFieldKind.Payload, Protocol: "ip6", Offset: 6 } => "transport",
        _ => null,
    };

    private static string Name(string layer, byte[] value)
    {
        if (layer == "network")
        {
            if (value.Length == 1) return value[0] == 2 ? "ip" : value[0] == 10 ? "ip6" : Unclear;
            var type = (ushort)(value[0] << 8 | value[1]);
            return EtherTypes.FirstOrDefault(e => e.Value == type).Key ?? Unclear;
        }
        return L4Protos.FirstOrDefault(p => p.Value == value[0]).Key ?? Unclear;
    }

    private static byte[] BigEndian(ushort value, int length) => length == 2 ? [(byte)(value >> 8), (byte)value] : [(byte)value];
}
