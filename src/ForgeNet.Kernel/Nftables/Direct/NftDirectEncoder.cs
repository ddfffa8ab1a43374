using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Writes a whole <see cref="NftTransaction"/> as one nf_tables batch, message for message as libnftables 1.0.6 would
/// (tables, chains, sets, elements, rules), without reading the ruleset first. What it needs to know about sets the
/// transaction does not declare comes from <paramref name="shapeOf"/>. Anything it cannot write exactly throws
/// <see cref="NftDirectUnsupportedException"/>, and the caller uses libnftables for the transaction. An interval set's
/// elements that may already be there are checked against <paramref name="elementsOf"/> (the kernel's dump of the set).
/// </summary>
internal sealed partial class NftDirectEncoder(
    Func<NftTable, string, NftSetShape?> shapeOf,
    Func<NftTable, string, List<(byte[] Key, bool IntervalEnd)>?>? elementsOf = null)
{
    /// <summary>Above this many bytes a batch may not fit the socket's send buffer; libnftables sizes its own for that.</summary>
    public const int MaxBatchBytes = 192 * 1024;

    private const int ElementsPerMessage = 256;
    private const ushort Append = 0x800;

    private readonly NftBatch _batch = new();
    private readonly Dictionary<(NftTable Table, string Set), NftSetShape> _declared = [];
    private readonly Dictionary<(NftTable Table, string Set), uint> _setIds = [];
    // Sets known to be empty at this point of the batch: new in a fresh table, just flushed, or just recreated.
    private readonly HashSet<(NftTable Table, string Set)> _empty = [];
    // Sets whose elements an earlier command of this batch changed (flushed, deleted, written): the kernel's view is stale.
    private readonly HashSet<(NftTable Table, string Set)> _touched = [];
    private readonly HashSet<NftTable> _deletedTables = [];
    private readonly HashSet<NftTable> _freshTables = [];

    /// <summary>The batch for <paramref name="transaction"/>, or an exception saying what libnftables must do instead.</summary>
    public NftBatch Encode(NftTransaction transaction)
    {
        for (var i = 0; i < transaction.Commands.Count; i++)
        {
            switch (transaction.Commands[i])
            {
                case NftTableCommand t: Table(t, i); break;
                case NftChainCommand c: Chain(c, i); break;
                case NftSetCommand s: Set(s, i); break;
                case NftElementCommand e: Elements(e, i); break;
                case NftRuleCommand r: Rule(r, i); break;
                default: throw new NftDirectUnsupportedException($"command {transaction.Commands[i]}");
            }
            if (_batch.Length > MaxBatchBytes) throw new NftDirectUnsupportedException($"a batch over {MaxBatchBytes} bytes");
        }
        return _batch;
    }

    /// <summary>The set shapes this transaction declared, for the caller's cache once the batch is committed.</summary>
    public IReadOnlyDictionary<(NftTable Table, string Set), NftSetShape> Declared => _declared;

    private void Table(NftTableCommand command, int index)
    {
        var t = command.Table;
        switch (command.Verb)
        {
            case NftVerb.Add:
                // libnftables sends NEWTABLE without NLM_F_CREATE.
                _batch.BeginMessage(NftWire.Msg.NewTable, t.Family, 0, index);
                _batch.PutString(NftWire.Table.Name, t.Name);
                _batch.PutU32(NftWire.Table.Flags, 0);
                _batch.EndMessage();
                if (_deletedTables.Contains(t)) _freshTables.Add(t);
                break;
            case NftVerb.Delete:
                _batch.BeginMessage(NftWire.Msg.DelTable, t.Family, 0, index);
                _batch.PutString(NftWire.Table.Name, t.Name);
                _batch.EndMessage();
                _deletedTables.Add(t);
                _freshTables.Remove(t);
                Forget(t);
                break;
            case NftVerb.Flush:
                _batch.BeginMessage(NftWire.Msg.DelRule, t.Family, 0, index);
                _batch.PutString(NftWire.Rule.Table, t.Name);
                _batch.EndMessage();
                break;
            default:
                throw new NftDirectUnsupportedException($"{command.Verb} table");
        }
    }

    private void Forget(NftTable table)
    {
        foreach (var key in _declared.Keys.Where(k => k.Table == table).ToList()) _declared.Remove(key);
        _empty.RemoveWhere(k => k.Table == table);
    }

    private void Chain(NftChainCommand command, int index)
    {
        var c = command.Chain;
        switch (command.Verb)
        {
            case NftVerb.Add:
                _batch.BeginMessage(NftWire.Msg.NewChain, c.Table.Family, Nlm.FCreate, index);
                _batch.PutString(NftWire.Chain.Table, c.Table.Name);
                _batch.PutString(NftWire.Chain.Name, c.Name);
                if (c.Hook is { } hook) BaseChain(hook);
                _batch.EndMessage();
                break;
            case NftVerb.Flush:
                _batch.BeginMessage(NftWire.Msg.DelRule, c.Table.Family, 0, index);
                _batch.PutString(NftWire.Rule.Table, c.Table.Name);
                _batch.PutString(NftWire.Rule.Chain, c.Name);
                _batch.EndMessage();
                break;
            case NftVerb.Delete:
                _batch.BeginMessage(NftWire.Msg.DelChain, c.Table.Family, 0, index);
                _batch.PutString(NftWire.Chain.Table, c.Table.Name);
                _batch.PutString(NftWire.Chain.Name, c.Name);
                _batch.EndMessage();
                break;
            default:
                throw new NftDirectUnsupportedException($"{command.Verb} chain");
        }
    }

    private void BaseChain(NftChainHook hook)
    {
        _batch.PutString(NftWire.Chain.Type, NftNames.Of(hook.Type));
        _batch.PutU32(NftWire.Chain.Policy, hook.Policy == NftChainPolicy.Accept ? 1u : 0u);
        var nest = _batch.BeginNest(NftWire.Chain.Hook);
        _batch.PutU32(NftWire.Chain.HookNum, hook.Hook switch
        {
            NftHook.Prerouting => 0u,
            NftHook.Input => 1u,
            NftHook.Forward => 2u,
            NftHook.Output => 3u,
            _ => 4u,
        });
        _batch.PutI32(NftWire.Chain.HookPriority, hook.Priority);
        _batch.EndNest(nest);
    }

    private void Rule(NftRuleCommand command, int index)
    {
        var rule = command.Rule;
        switch (command.Verb)
        {
            case NftVerb.Add or NftVerb.Insert when rule.Handle is null:
                NftRuleLinearizer.Write(_batch, rule, command.Verb == NftVerb.Add, index);
                break;
            case NftVerb.Delete when rule.Handle is { } handle:
                _batch.BeginMessage(NftWire.Msg.DelRule, rule.Table.Family, 0, index);
                _batch.PutString(NftWire.Rule.Table, rule.Table.Name);
                _batch.PutString(NftWire.Rule.Chain, rule.Chain);
                _batch.PutU64(NftWire.Rule.Handle, handle);
                _batch.EndMessage();
                break;
            default:
                throw new NftDirectUnsupportedException($"{command.Verb} rule");
        }
    }
}
