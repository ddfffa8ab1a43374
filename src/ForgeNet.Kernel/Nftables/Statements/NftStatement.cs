namespace ForgeNet.Kernel.Nftables;

/// <summary>One step of a rule: a match, counter, limit, log, NAT, verdict map or verdict. <c>ToString()</c> gives nft syntax.</summary>
public abstract record NftStatement
{
    private protected NftStatement()
    {
    }

    public sealed override string ToString() => NftText.Format(this);
}
