namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// A table as the kernel has it, read back with <c>list table</c>: chains, sets and maps with their elements,
/// and rules with handles and counter figures. nft normalises what it lists (<c>meta l4proto tcp th dport 443</c>
/// comes back as <c>tcp dport 443</c>), so compare read-backs with read-backs, or by what they do.
/// </summary>
public sealed record NftTableState(NftTable Table, IReadOnlyList<NftChain> Chains, IReadOnlyList<NftSet> Sets, IReadOnlyList<NftRule> Rules)
{
    public NftChain? Chain(string name) => Chains.FirstOrDefault(c => c.Name == name);

    /// <summary>The set or map called <paramref name="name"/>, or null.</summary>
    public NftSet? Set(string name) => Sets.FirstOrDefault(s => s.Name == name);

    /// <summary>The rules of one chain, in evaluation order.</summary>
    public IEnumerable<NftRule> RulesIn(string chain) => Rules.Where(r => r.Chain == chain);

    /// <summary>The table in the layout of <c>nft list table</c>.</summary>
    public override string ToString() => NftText.Format(this);
}
