using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Named sets and maps, and their elements.</summary>
internal sealed partial class NftDirectEncoder
{
    private const uint ConcatTypeOf = 13;
    private readonly HashSet<(NftTable Table, string Set)> _deletedSets = [];

    private void Set(NftSetCommand command, int index)
    {
        var set = command.Set;
        var key = (set.Table, set.Name);
        switch (command.Verb)
        {
            case NftVerb.Add:
                AddSet(set, index);
                break;
            case NftVerb.Delete:
                _batch.BeginMessage(NftWire.Msg.DelSet, set.Table.Family, 0, index);
                _batch.PutString(NftWire.Set.Table, set.Table.Name);
                _batch.PutString(NftWire.Set.Name, set.Name);
                _batch.EndMessage();
                _declared.Remove(key);
                _setIds.Remove(key);
                _empty.Remove(key);
                _touched.Add(key);
                _deletedSets.Add(key);
                break;
            case NftVerb.Flush:
                _batch.BeginMessage(NftWire.Msg.DelSetElem, set.Table.Family, 0, index);
                _batch.PutString(NftWire.Elem.ListTable, set.Table.Name);
                _batch.PutString(NftWire.Elem.ListSet, set.Name);
                _batch.EndMessage();
                _empty.Add(key);
                _touched.Add(key);
                break;
            default:
                throw new NftDirectUnsupportedException($"{command.Verb} set");
        }
    }

    private void AddSet(NftSet set, int index)
    {
        var key = (set.Table, set.Name);
        var shape = NftSetShape.Of(set);
        // libnftables 1.0.6 takes no "dynamic" flag in JSON: leave it to say so, rather than succeed here.
        if (set.Flags.HasFlag(NftSetFlags.Constant) || set.Flags.HasFlag(NftSetFlags.Dynamic) || (shape.IsInterval && shape.Key.Count > 1 && set.Size is not null))
            throw new NftDirectUnsupportedException("a constant or dynamic set, or a sized concatenated interval set");
        var id = _batch.NewSetId();
        _batch.BeginMessage(NftWire.Msg.NewSet, set.Table.Family, Nlm.FCreate, index);
        _batch.PutString(NftWire.Set.Table, set.Table.Name);
        _batch.PutString(NftWire.Set.Name, set.Name);
        _batch.PutU32(NftWire.Set.Flags, Flags(set, shape));
        _batch.PutU32(NftWire.Set.KeyType, NftTypes.ConcatId(shape.Key));
        _batch.PutU32(NftWire.Set.KeyLen, (uint)shape.KeyLength);
        if (shape.Data is { } data)
        {
            _batch.PutU32(NftWire.Set.DataType, data == NftTypes.Verdict ? NftWire.Set.DataVerdict : data.Id);
            _batch.PutU32(NftWire.Set.DataLen, (uint)data.Length);
        }
        _batch.PutU32(NftWire.Set.Id, id);
        Description(set, shape);
        if (set.Timeout is { } timeout) _batch.PutU64(NftWire.Set.Timeout, (ulong)timeout.TotalMilliseconds);
        _batch.PutBytes(NftWire.Set.UserData, UserData(shape));
        _batch.EndMessage();

        // A set is empty after this when it cannot have existed before: its table or itself was just deleted.
        if (_freshTables.Contains(set.Table) || _deletedSets.Remove(key)) _empty.Add(key);
        _declared[key] = shape;
        _setIds[key] = id;
        if (set.Elements.Count > 0) WriteElements(set.Table, set.Name, NftVerb.Add, set.Elements, index);
    }

    private static uint Flags(NftSet set, NftSetShape shape) =>
        (set.Flags.HasFlag(NftSetFlags.Interval) ? NftWire.Set.Interval : 0)
        | (set.Flags.HasFlag(NftSetFlags.Timeout) ? NftWire.Set.TimeoutFlag : 0)
        | (shape.IsMap ? NftWire.Set.Map : 0)
        | (shape.IsInterval && shape.Key.Count > 1 ? NftWire.Set.Concat : 0);

    // NFTA_SET_DESC: the size limit, and for a concatenated interval set the length of each field.
    private void Description(NftSet set, NftSetShape shape)
    {
        var concat = shape.IsInterval && shape.Key.Count > 1;
        if (set.Size is null && !concat) return;
        var desc = _batch.BeginNest(NftWire.Set.Desc);
        if (set.Size is { } size) _batch.PutU32(NftWire.Set.DescSize, size);
        if (concat)
        {
            var fields = _batch.BeginNest(NftWire.Set.DescConcat);
            foreach (var type in shape.Key)
            {
                var field = _batch.BeginNest(NftWire.Set.ConcatElem);
                _batch.PutU32(NftWire.Set.FieldLen, (uint)type.Length);
                _batch.EndNest(field);
            }
            _batch.EndNest(fields);
        }
        _batch.EndNest(desc);
    }

    /// <summary>What nft records with a declared set: key byte order (a concatenation: none, and a bare concat "typeof"), and a map's data byte order.</summary>
    private static byte[] UserData(NftSetShape shape)
    {
        var concat = shape.Key.Count > 1;
        var u = new NftUData().U32(NftWire.UData.SetKeyByteOrder, concat ? NftWire.UData.ByteOrderInvalid : (uint)shape.Key[0].ByteOrder);
        if (shape.Data is { } data) u.U32(NftWire.UData.SetDataByteOrder, (uint)data.ByteOrder);
        if (concat) u.Nest(NftWire.UData.SetKeyTypeOf, new NftUData().U32(NftWire.UData.TypeOfExpr, ConcatTypeOf).Raw(NftWire.UData.TypeOfData, []));
        if (shape.Data is not null) u.U32(NftWire.UData.SetDataInterval, 0);
        return u.ToArray();
    }

    private void Elements(NftElementCommand command, int index)
    {
        if (command.Verb is not (NftVerb.Add or NftVerb.Delete)) throw new NftDirectUnsupportedException($"{command.Verb} element");
        WriteElements(command.Table, command.SetName, command.Verb, command.Elements, index);
    }

    private void WriteElements(NftTable table, string name, NftVerb verb, IReadOnlyList<NftElement> elements, int index)
    {
        var key = (table, name);
        var shape = _declared.GetValueOrDefault(key) ?? shapeOf(table, name)
            ?? throw new NftDirectUnsupportedException($"elements of set {table} {name}, whose type is unknown");
        var wire = Wire(key, shape, verb, elements);
        var type = verb == NftVerb.Add ? NftWire.Msg.NewSetElem : NftWire.Msg.DelSetElem;
        for (var start = 0; start < wire.Count; start += ElementsPerMessage)
        {
            _batch.BeginMessage(type, table.Family, verb == NftVerb.Add ? Nlm.FCreate : (ushort)0, index);
            _batch.PutString(NftWire.Elem.ListTable, table.Name);
            _batch.PutString(NftWire.Elem.ListSet, name);
            if (_setIds.TryGetValue(key, out var id)) _batch.PutU32(NftWire.Elem.ListSetId, id);
            var list = _batch.BeginNest(NftWire.Elem.ListElements);
            foreach (var element in wire.Skip(start).Take(ElementsPerMessage)) element.Write(_batch, keyOnly: verb == NftVerb.Delete);
            _batch.EndNest(list);
            _batch.EndMessage();
        }
        if (verb == NftVerb.Add) _empty.Remove(key);
        _touched.Add(key);
    }
}
