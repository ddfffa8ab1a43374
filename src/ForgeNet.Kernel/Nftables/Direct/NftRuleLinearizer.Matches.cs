using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Relational statements: comparisons, prefixes, ranges, flag tests and set lookups.</summary>
internal sealed partial class NftRuleLinearizer
{
    private void Match(NftExpr left, NftOp op, NftValue right)
    {
        // nft turns a one-element set into the element itself, unless the element is a concatenation (evaluate.c
        // replaces only a value, prefix or range): `meta l4proto . th dport { tcp . 80 }` stays a lookup.
        if (right is NftAnonymousSet { Elements.Count: 1 } single && single.Elements[0] is not NftConcat) right = single.Elements[0];
        if (right is NftSetRef or NftAnonymousSet)
        {
            Lookup(left, op, right);
            return;
        }
        if (left is NftConcatExpr) throw new NftDirectUnsupportedException($"concatenation compared with {right}");
        var field = NftFields.Resolve(left);
        Dependency(field);
        switch (right)
        {
            case NftPrefix prefix:
                Prefix(field, op, prefix);
                break;
            case NftRange range:
                Range(field, op, range);
                break;
            default:
                Scalar(field, op, right);
                break;
        }
        Learn(field, op, right);
    }

    private void Lookup(NftExpr left, NftOp op, NftValue right)
    {
        if (op is not (NftOp.Eq or NftOp.Ne or NftOp.In)) throw new NftDirectUnsupportedException($"set lookup with {op}");
        // nft loads a concatenation that is looked up among intervals in network byte order (a byteorder after each
        // host-order part), since the kernel compares such keys as big-endian numbers.
        var networkOrder = left is NftConcatExpr && right is NftAnonymousSet { Elements: var values } && HasIntervals(values);
        var fields = LoadKey(left, networkOrder);
        if (right is NftSetRef named)
        {
            _expressions.Add(new NftWireExpr.Lookup(named.Name, null, op == NftOp.Ne, Verdict: false));
        }
        else
        {
            var set = AnonymousSet(fields, ((NftAnonymousSet)right).Elements);
            _expressions.Add(new NftWireExpr.Lookup(set.Name, set.Id, op == NftOp.Ne, Verdict: false));
        }
        if (fields.Count == 1) Learn(fields[0], NftOp.In, right);
    }

    private void Scalar(NftField field, NftOp op, NftValue value)
    {
        if (field.Type.Kind == NftTypeKind.Bitmask)
        {
            var bits = field.Type.Encode(value, field.Length, field.ByteOrder);
            Load(field, 0, field.Length);
            if (op == NftOp.Eq)
            {
                _expressions.Add(new NftWireExpr.Cmp(NftWireExpr.Cmp.Eq, bits));
                return;
            }
            if (op != NftOp.In) throw new NftDirectUnsupportedException($"flags compared with {op}");
            var zero = new byte[field.Length];
            _expressions.Add(new NftWireExpr.Bitwise(bits, zero));
            _expressions.Add(new NftWireExpr.Cmp(NftWireExpr.Cmp.Neq, zero));
            return;
        }
        var bytes = field.Type.Kind == NftTypeKind.IfName && value is NftString { Value: var name } && name.EndsWith('*')
            ? Wildcard(name)
            : field.Type.Encode(value, field.Length, field.ByteOrder);
        Load(field, 0, field.Length);
        _expressions.Add(new NftWireExpr.Cmp(CmpOp(op, field), bytes));
    }

    // "eth*": the name without the star and without a NUL, so every name it starts matches.
    private static byte[] Wildcard(string name)
    {
        var stem = name[..^1];
        if (stem.Length == 0 || stem.Contains('*') || stem.Contains('\\') || Encoding.UTF8.GetByteCount(stem) > 15)
            throw new NftDirectUnsupportedException($"interface name '{name}'");
        return Encoding.UTF8.GetBytes(stem);
    }

    private static uint CmpOp(NftOp op, NftField field) => op switch
    {
        NftOp.Eq or NftOp.In => NftWireExpr.Cmp.Eq,
        NftOp.Ne => NftWireExpr.Cmp.Neq,
        // Ordering in host byte order would need a byteorder expression first; nft adds one, this path does not.
        _ when field.ByteOrder != NftByteOrder.Big && field.Length > 1 => throw new NftDirectUnsupportedException($"{op} on a host-order value"),
        NftOp.Lt => NftWireExpr.Cmp.Lt,
        NftOp.Gt => NftWireExpr.Cmp.Gt,
        NftOp.Le => NftWireExpr.Cmp.Lte,
        _ => NftWireExpr.Cmp.Gte,
    };

    /// <summary>A whole-byte prefix loads and compares only its bytes; any other is masked (nft's payload trimming).</summary>
    private void Prefix(NftField field, NftOp op, NftPrefix prefix)
    {
        if (field.Kind != NftFieldKind.Payload || field.Type.Kind is not (NftTypeKind.Ipv4 or NftTypeKind.Ipv6) || prefix.Length <= 0)
            throw new NftDirectUnsupportedException($"prefix {prefix} on this field");
        var cmp = op switch
        {
            NftOp.Eq or NftOp.In => NftWireExpr.Cmp.Eq,
            NftOp.Ne => NftWireExpr.Cmp.Neq,
            _ => throw new NftDirectUnsupportedException($"prefix with {op}"),
        };
        var (low, _) = NftIntervals.Bounds(field.Type, field.Length, prefix);
        if (prefix.Length % 8 == 0)
        {
            Load(field, 0, prefix.Length / 8);
            _expressions.Add(new NftWireExpr.Cmp(cmp, low[..(prefix.Length / 8)]));
            return;
        }
        var mask = new byte[field.Length];
        for (var bit = 0; bit < prefix.Length; bit++) mask[bit / 8] |= (byte)(0x80 >> (bit % 8));
        Load(field, 0, field.Length);
        _expressions.Add(new NftWireExpr.Bitwise(mask, new byte[field.Length]));
        _expressions.Add(new NftWireExpr.Cmp(cmp, low));
    }

    /// <summary><c>a-b</c>: two comparisons when matched, a range expression when negated (as nft does).</summary>
    private void Range(NftField field, NftOp op, NftRange range)
    {
        if (field.ByteOrder != NftByteOrder.Big && field.Length > 1) throw new NftDirectUnsupportedException("a range of host-order values");
        var (from, to) = NftIntervals.Bounds(field.Type, field.Length, range);
        Load(field, 0, field.Length);
        switch (op)
        {
            case NftOp.Eq or NftOp.In:
                _expressions.Add(new NftWireExpr.Cmp(NftWireExpr.Cmp.Gte, from));
                _expressions.Add(new NftWireExpr.Cmp(NftWireExpr.Cmp.Lte, to));
                break;
            case NftOp.Ne:
                _expressions.Add(new NftWireExpr.Range(1, from, to));
                break;
            default:
                throw new NftDirectUnsupportedException($"range with {op}");
        }
    }
}
