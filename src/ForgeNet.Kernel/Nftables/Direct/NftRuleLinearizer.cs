namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Turns a model rule into the kernel expressions nft 1.0.6 would send for it (netlink_linearize.c), including the
/// protocol dependencies nft inserts (<c>meta protocol ip</c> before <c>ip saddr</c> on a bridge, <c>meta l4proto tcp</c>
/// before <c>tcp dport</c>, …) and the anonymous sets it carries. Only bridge and inet tables, and only what the
/// tests compare byte for byte with libnftables; anything else throws <see cref="NftDirectUnsupportedException"/>.
/// </summary>
internal sealed partial class NftRuleLinearizer
{
    private readonly NftBatch _batch;
    private readonly NftFamily _family;
    private readonly List<NftWireExpr> _expressions = [];
    private readonly List<NftAnonymousWireSet> _sets = [];

    private NftRuleLinearizer(NftBatch batch, NftFamily family)
    {
        if (family is not (NftFamily.Bridge or NftFamily.Inet)) throw new NftDirectUnsupportedException($"rules in a {NftNames.Of(family)} table");
        if (!BitConverter.IsLittleEndian) throw new NftDirectUnsupportedException("a big-endian host");
        _batch = batch;
        _family = family;
    }

    /// <summary>Writes the rule's anonymous sets and then the rule itself (NEWRULE) into <paramref name="batch"/>.</summary>
    public static void Write(NftBatch batch, NftRule rule, bool append, int command)
    {
        var linearizer = new NftRuleLinearizer(batch, rule.Table.Family);
        foreach (var statement in rule.Statements) linearizer.Statement(statement);
        var comment = rule.Comment is null ? null : Comment(rule.Comment);
        foreach (var set in linearizer._sets) set.Write(batch, rule.Table, command);

        var flags = (ushort)(Netlink.Protocol.Nlm.FCreate | (append ? 0x800 : 0));
        batch.BeginMessage(NftWire.Msg.NewRule, rule.Table.Family, flags, command);
        batch.PutString(NftWire.Rule.Table, rule.Table.Name);
        batch.PutString(NftWire.Rule.Chain, rule.Chain);
        var list = batch.BeginNest(NftWire.Rule.Expressions);
        foreach (var expression in linearizer._expressions) expression.Write(batch);
        batch.EndNest(list);
        if (comment is not null) batch.PutBytes(NftWire.Rule.UserData, comment);
        batch.EndMessage();
    }

    // nft refuses comments over 128 bytes (NFT_USERDATA_MAXLEN is larger; the parser's limit is what users meet).
    private static byte[] Comment(string text)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) > 128) throw new NftDirectUnsupportedException("a comment over 128 bytes");
        return new NftUData().String(NftWire.UData.RuleComment, text).ToArray();
    }

    private void Statement(NftStatement statement)
    {
        switch (statement)
        {
            case NftMatch m:
                Match(m.Left, m.Op, m.Right);
                break;
            case NftCounter { Packets: 0, Bytes: 0 }:
                _expressions.Add(new NftWireExpr.Counter());
                break;
            case NftVerdictStatement v:
                _expressions.Add(new NftWireExpr.Immediate(v.Verdict));
                break;
            case NftVerdictMap vmap:
                VerdictMap(vmap.Key, vmap.Map);
                break;
            case NftMasquerade m:
                _expressions.Add(new NftWireExpr.Masquerade(NatFlags(m.Flags)));
                break;
            case NftNat n:
                Nat(n);
                break;
            default:
                throw new NftDirectUnsupportedException($"statement {statement}");
        }
    }

    private void VerdictMap(NftExpr key, NftValue map)
    {
        var fields = LoadKey(key);
        switch (map)
        {
            case NftSetRef named:
                _expressions.Add(new NftWireExpr.Lookup(named.Name, null, Inverted: false, Verdict: true));
                break;
            case NftAnonymousSet { Elements.Count: > 0 } entries when entries.Elements.All(e => e is NftMapEntry { Value: NftVerdict }):
                var set = AnonymousMap(fields, entries.Elements.Cast<NftMapEntry>());
                _expressions.Add(new NftWireExpr.Lookup(set.Name, set.Id, Inverted: false, Verdict: true));
                break;
            default:
                throw new NftDirectUnsupportedException($"verdict map {map}");
        }
    }

    /// <summary>Loads a key (one field or a concatenation, each after its dependencies) into consecutive registers.</summary>
    private List<NftField> LoadKey(NftExpr key, bool networkOrder = false)
    {
        var fields = (key is NftConcatExpr concat ? concat.Parts : [key]).Select(NftFields.Resolve).ToList();
        foreach (var field in fields) Dependency(field);
        var word = 0;
        foreach (var field in fields)
        {
            Load(field, word, field.Length);
            if (networkOrder && field.ByteOrder == NftByteOrder.Host) _expressions.Add(HostToNetwork(field, word));
            word += field.RegisterWords;
        }
        if (word > 16) throw new NftDirectUnsupportedException($"key {key} longer than the registers");
        return fields;
    }

    // netlink_gen_unary: the element size is 8, 4 or else 2 bytes (for a 1-byte value a byteorder that swaps nothing).
    private static NftWireExpr HostToNetwork(NftField field, int word)
    {
        if (field.Length > 1 && field.Type.Kind != NftTypeKind.Integer)
            throw new NftDirectUnsupportedException($"host-order {field.Type.Name} in a concatenation of intervals");
        var size = field.Length % 8 == 0 ? 8u : field.Length % 4 == 0 ? 4u : 2u;
        return new NftWireExpr.Byteorder(word, NftWireExpr.Byteorder.HostToNetwork, (uint)field.Length, size);
    }

    private void Load(NftField field, int word, int length)
    {
        _expressions.Add(field.Kind switch
        {
            NftFieldKind.Payload => new NftWireExpr.Payload(word, field.Base, field.Offset, (uint)length),
            NftFieldKind.Meta => new NftWireExpr.Meta(field.Key, word),
            _ => new NftWireExpr.Ct(field.Key, word),
        });
    }
}
