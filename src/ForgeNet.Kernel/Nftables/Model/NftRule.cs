namespace ForgeNet.Kernel.Nftables;

/// <summary>A rule in a chain: statements evaluated in order. Build one with <see cref="In"/>.</summary>
public sealed record NftRule
{
    public NftRule(NftTable table, string chain, IReadOnlyList<NftStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(statements);
        NftNames.ValidateName(chain, "chain");
        Table = table;
        Chain = chain;
        Statements = statements;
    }

    public NftTable Table { get; }

    public string Chain { get; }

    public IReadOnlyList<NftStatement> Statements { get; }

    public string? Comment { get; init; }

    /// <summary>The kernel's handle, known only for rules read back; deleting a rule needs it.</summary>
    public ulong? Handle { get; init; }

    /// <summary>The rule's first counter (with the kernel's figures when read back), or null.</summary>
    public NftCounter? Counter => Statements.OfType<NftCounter>().FirstOrDefault();

    /// <summary>Starts a rule for <paramref name="chain"/> of <paramref name="table"/>.</summary>
    public static NftRuleBuilder In(NftTable table, string chain) => new(table, chain);

    public override string ToString() => NftText.FormatStatements(this);
}
