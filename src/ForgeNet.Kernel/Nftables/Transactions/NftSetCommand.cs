namespace ForgeNet.Kernel.Nftables;

/// <summary>Add, delete or flush a set or map (delete and flush use only its table, name and whether it is a map).</summary>
public sealed record NftSetCommand(NftVerb Verb, NftSet Set) : NftCommand(Verb);
