namespace ForgeNet.Kernel.Nftables;

/// <summary>An unsigned number (port, mark, protocol number).</summary>
public sealed record NftNumber(ulong Value) : NftValue;
