namespace ForgeNet.Kernel.Nftables;

/// <summary>Add, delete or flush a chain (delete and flush use only its table and name).</summary>
public sealed record NftChainCommand(NftVerb Verb, NftChain Chain) : NftCommand(Verb);
