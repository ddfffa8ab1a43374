namespace ForgeNet.Kernel.Nftables;

/// <summary>A chain: a base chain when <see cref="Hook"/> is set, else a regular chain reached by jump or goto.</summary>
public sealed record NftChain
{
    public NftChain(NftTable table, string name, NftChainHook? hook = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        NftNames.ValidateName(name, "chain");
        Table = table;
        Name = name;
        Hook = hook;
    }

    public NftTable Table { get; }

    public string Name { get; }

    public NftChainHook? Hook { get; }

    /// <summary>The kernel's handle, known only for chains read back.</summary>
    public ulong? Handle { get; init; }

    /// <summary>A base chain attached to <paramref name="hook"/>.</summary>
    public static NftChain Base(NftTable table, string name, NftChainType type, NftHook hook, int priority, NftChainPolicy policy = NftChainPolicy.Accept) =>
        new(table, name, new NftChainHook(type, hook, priority, policy));

    /// <summary>A regular chain, reached by jump or goto.</summary>
    public static NftChain Regular(NftTable table, string name) => new(table, name);
}
