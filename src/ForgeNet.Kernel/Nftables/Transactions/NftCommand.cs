namespace ForgeNet.Kernel.Nftables;

/// <summary>One command of an <see cref="NftTransaction"/>: a verb applied to one object. <c>ToString()</c> gives nft syntax.</summary>
public abstract record NftCommand(NftVerb Verb)
{
    public sealed override string ToString() => NftText.Format(this);
}
