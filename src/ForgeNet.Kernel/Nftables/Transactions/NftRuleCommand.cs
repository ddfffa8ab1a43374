namespace ForgeNet.Kernel.Nftables;

/// <summary>Add or insert a rule, or delete one by its <see cref="NftRule.Handle"/>.</summary>
public sealed record NftRuleCommand(NftVerb Verb, NftRule Rule) : NftCommand(Verb);
