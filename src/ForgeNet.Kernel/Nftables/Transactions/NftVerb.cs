namespace ForgeNet.Kernel.Nftables;

/// <summary>What a command does to its object.</summary>
public enum NftVerb
{
    /// <summary>Create the object; for tables, chains and sets no error when it exists (its contents are kept).</summary>
    Add,

    /// <summary>Rules only: add at the start of the chain instead of the end.</summary>
    Insert,

    /// <summary>Remove the object; an error when it does not exist.</summary>
    Delete,

    /// <summary>Remove the contents (a table's rules, a chain's rules, a set's elements) and keep the object.</summary>
    Flush,
}
