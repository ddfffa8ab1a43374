using System.Net;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Builds an <see cref="NftRule"/> statement by statement, in the order nft evaluates them:
/// <c>NftRule.In(t, "ep1").CtState(NftCtState.Established | NftCtState.Related).Counter().Accept().Build()</c>.
/// </summary>
public sealed partial class NftRuleBuilder
{
    private readonly NftTable _table;
    private readonly string _chain;
    private readonly List<NftStatement> _statements = [];
    private string? _comment;

    internal NftRuleBuilder(NftTable table, string chain)
    {
        ArgumentNullException.ThrowIfNull(table);
        NftNames.ValidateName(chain, "chain");
        _table = table;
        _chain = chain;
    }

    /// <summary>Appends any statement.</summary>
    public NftRuleBuilder Statement(NftStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        _statements.Add(statement);
        return this;
    }

    /// <summary>A comment nft stores with the rule (shown by <c>nft list</c>).</summary>
    public NftRuleBuilder Comment(string comment)
    {
        NftNames.ValidateText(comment, "comment");
        _comment = comment;
        return this;
    }

    public NftRuleBuilder Counter() => Statement(new NftCounter());

    public NftRuleBuilder Limit(ulong rate, NftTimeUnit per, uint burst = 5) => Statement(new NftLimit(rate, per) { Burst = burst });

    public NftRuleBuilder Limit(NftLimit limit) => Statement(limit);

    public NftRuleBuilder Log(string? prefix = null, NftLogLevel? level = null) => Statement(new NftLog(prefix, level));

    public NftRuleBuilder Accept() => Verdict(NftVerdict.Accept);

    public NftRuleBuilder Drop() => Verdict(NftVerdict.Drop);

    public NftRuleBuilder Return() => Verdict(NftVerdict.Return);

    public NftRuleBuilder Continue() => Verdict(NftVerdict.Continue);

    public NftRuleBuilder Jump(string chain) => Verdict(NftVerdict.Jump(chain));

    public NftRuleBuilder Goto(string chain) => Verdict(NftVerdict.Goto(chain));

    public NftRuleBuilder Verdict(NftVerdict verdict) => Statement(new NftVerdictStatement(verdict));

    public NftRuleBuilder Reject(NftRejectWith with = NftRejectWith.PortUnreachable) => Statement(new NftReject(with));

    /// <summary>Applies the verdict stored for <paramref name="key"/> in the named verdict map (<c>iifname vmap @dispatch</c>).</summary>
    public NftRuleBuilder VerdictMap(NftExpr key, string mapName) => Statement(new NftVerdictMap(key, new NftSetRef(mapName)));

    /// <summary>Applies the verdict of an anonymous verdict map written in the rule.</summary>
    public NftRuleBuilder VerdictMap(NftExpr key, params NftMapEntry[] entries) => Statement(new NftVerdictMap(key, new NftAnonymousSet(entries)));

    public NftRuleBuilder Masquerade(NftNatFlags flags = NftNatFlags.None) => Statement(new NftMasquerade(flags));

    public NftRuleBuilder Snat(IPAddress address, ushort? port = null) => Statement(new NftNat(NftNatKind.Snat, address, port));

    public NftRuleBuilder Dnat(IPAddress address, ushort? port = null) => Statement(new NftNat(NftNatKind.Dnat, address, port));

    public NftRule Build() => new(_table, _chain, _statements.ToArray()) { Comment = _comment };
}
