namespace ForgeNet.Kernel.Nftables;

/// <summary>What makes a chain a base chain: its type, hook, priority and policy.</summary>
public sealed record NftChainHook(NftChainType Type, NftHook Hook, int Priority, NftChainPolicy Policy = NftChainPolicy.Accept);
