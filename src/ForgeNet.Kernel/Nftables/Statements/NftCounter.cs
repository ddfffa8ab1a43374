namespace ForgeNet.Kernel.Nftables;

/// <summary>An anonymous counter. Packets and bytes are zero when written and the kernel's figures when read back.</summary>
public sealed record NftCounter(ulong Packets = 0, ulong Bytes = 0) : NftStatement;
