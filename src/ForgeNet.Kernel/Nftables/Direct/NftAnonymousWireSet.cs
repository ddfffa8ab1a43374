namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// An anonymous set or map a rule carries (<c>{ 53, 5353 }</c>, <c>vmap { "a" : accept }</c>): written as NEWSET and
/// NEWSETELEM right before the rule, named "__set%d"/"__map%d" for the kernel to number, and found by its batch id.
/// </summary>
internal sealed record NftAnonymousWireSet(uint Id, bool IsMap, bool IsInterval, uint KeyType, int KeyLength,
    byte[] UserData, IReadOnlyList<NftWireElement> Elements)
{
    /// <summary>Each field's length, for a concatenated interval set (flag concat, NFTA_SET_DESC_CONCAT); null otherwise.</summary>
    public IReadOnlyList<int>? ConcatFields { get; init; }

    public string Name => IsMap ? "__map%d" : "__set%d";

    public void Write(NftBatch b, NftTable table, int command)
    {
        b.BeginMessage(NftWire.Msg.NewSet, table.Family, Netlink.Protocol.Nlm.FCreate, command);
        b.PutString(NftWire.Set.Table, table.Name);
        b.PutString(NftWire.Set.Name, Name);
        var flags = NftWire.Set.Anonymous | NftWire.Set.Constant | (IsInterval ? NftWire.Set.Interval : 0) | (IsMap ? NftWire.Set.Map : 0)
            | (ConcatFields is null ? 0 : NftWire.Set.Concat);
        b.PutU32(NftWire.Set.Flags, flags);
        b.PutU32(NftWire.Set.KeyType, KeyType);
        b.PutU32(NftWire.Set.KeyLen, (uint)KeyLength);
        if (IsMap)
        {
            b.PutU32(NftWire.Set.DataType, NftWire.Set.DataVerdict);
            b.PutU32(NftWire.Set.DataLen, 0);
        }
        b.PutU32(NftWire.Set.Id, Id);
        var desc = b.BeginNest(NftWire.Set.Desc);
        b.PutU32(NftWire.Set.DescSize, (uint)Elements.Count);
        if (ConcatFields is not null)
        {
            var fields = b.BeginNest(NftWire.Set.DescConcat);
            foreach (var length in ConcatFields)
            {
                var field = b.BeginNest(NftWire.Set.ConcatElem);
                b.PutU32(NftWire.Set.FieldLen, (uint)length);
                b.EndNest(field);
            }
            b.EndNest(fields);
        }
        b.EndNest(desc);
        b.PutBytes(NftWire.Set.UserData, UserData);
        b.EndMessage();

        b.BeginMessage(NftWire.Msg.NewSetElem, table.Family, Netlink.Protocol.Nlm.FCreate, command);
        b.PutString(NftWire.Elem.ListTable, table.Name);
        b.PutString(NftWire.Elem.ListSet, Name);
        b.PutU32(NftWire.Elem.ListSetId, Id);
        var list = b.BeginNest(NftWire.Elem.ListElements);
        foreach (var element in Elements) element.Write(b, keyOnly: false);
        b.EndNest(list);
        b.EndMessage();
    }
}
