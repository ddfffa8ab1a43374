namespace ForgeNet.Kernel.Nftables;

/// <summary>What a verdict does.</summary>
public enum NftVerdictKind
{
    Accept,
    Drop,
    Continue,
    Return,
    Jump,
    Goto,
}
