namespace ForgeNet.Kernel.Nftables;

/// <summary>A verdict ending the rule: accept, drop, continue, return, jump or goto.</summary>
public sealed record NftVerdictStatement(NftVerdict Verdict) : NftStatement;
