namespace ForgeNet.Kernel.Nftables;

/// <summary>A match's comparison. <see cref="In"/> tests flags (<c>ct state established,related</c>).</summary>
public enum NftOp
{
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    In,
}
