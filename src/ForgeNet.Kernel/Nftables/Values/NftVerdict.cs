namespace ForgeNet.Kernel.Nftables;

/// <summary>A verdict: as a rule's last statement, or as the value of a verdict-map element.</summary>
public sealed record NftVerdict : NftValue
{
    private NftVerdict(NftVerdictKind kind, string? target)
    {
        Kind = kind;
        Target = target;
    }

    public NftVerdictKind Kind { get; }

    /// <summary>The chain for <see cref="NftVerdictKind.Jump"/> and <see cref="NftVerdictKind.Goto"/>; else null.</summary>
    public string? Target { get; }

    public static NftVerdict Accept { get; } = new(NftVerdictKind.Accept, null);
    public static NftVerdict Drop { get; } = new(NftVerdictKind.Drop, null);
    public static NftVerdict Continue { get; } = new(NftVerdictKind.Continue, null);
    public static NftVerdict Return { get; } = new(NftVerdictKind.Return, null);

    public static NftVerdict Jump(string chain) => new(NftVerdictKind.Jump, ValidTarget(chain));

    public static NftVerdict Goto(string chain) => new(NftVerdictKind.Goto, ValidTarget(chain));

    private static string ValidTarget(string chain)
    {
        NftNames.ValidateName(chain, "chain");
        return chain;
    }
}
