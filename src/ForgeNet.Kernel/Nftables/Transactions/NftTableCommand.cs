namespace ForgeNet.Kernel.Nftables;

/// <summary>Add, delete or flush a table.</summary>
public sealed record NftTableCommand(NftVerb Verb, NftTable Table) : NftCommand(Verb);
