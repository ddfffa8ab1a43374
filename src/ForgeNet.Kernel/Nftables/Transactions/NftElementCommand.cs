namespace ForgeNet.Kernel.Nftables;

/// <summary>Add or delete elements of a named set or map.</summary>
public sealed record NftElementCommand(NftVerb Verb, NftTable Table, string SetName, IReadOnlyList<NftElement> Elements) : NftCommand(Verb);
