namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// The shapes (key and data types) of named sets the direct path wrote elements to, so it asks the kernel (GETSET, one
/// small message) once per set instead of per transaction. Learned from transactions it committed; forgotten when a
/// transaction deletes the set or its table, goes through libnftables, or fails. A set someone else recreates with
/// another type of the same length is the case this cannot see; such a type change of our own sets does not happen.
/// </summary>
internal sealed class NftSetShapeCache(Func<NftFamily, string, string, NftSetShape?> query)
{
    private readonly Dictionary<(NftTable Table, string Set), NftSetShape> _shapes = [];

    public NftSetShape? Get(NftTable table, string set)
    {
        if (_shapes.TryGetValue((table, set), out var shape)) return shape;
        shape = query(table.Family, table.Name, set);
        if (shape is not null) _shapes[(table, set)] = shape;
        return shape;
    }

    /// <summary>After a committed batch: forget what it deleted, remember what it declared.</summary>
    public void Committed(NftTransaction transaction, IReadOnlyDictionary<(NftTable Table, string Set), NftSetShape> declared)
    {
        foreach (var command in transaction.Commands)
        {
            switch (command)
            {
                case NftTableCommand { Verb: NftVerb.Delete } t:
                    foreach (var key in _shapes.Keys.Where(k => k.Table == t.Table).ToList()) _shapes.Remove(key);
                    break;
                case NftSetCommand { Verb: NftVerb.Delete } s:
                    _shapes.Remove((s.Set.Table, s.Set.Name));
                    break;
            }
        }
        foreach (var (key, shape) in declared) _shapes[key] = shape;
    }

    public void Clear() => _shapes.Clear();
}
