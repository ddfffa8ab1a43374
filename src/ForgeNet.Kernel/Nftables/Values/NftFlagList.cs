namespace ForgeNet.Kernel.Nftables;

/// <summary>Several flag names matched together (<c>ct state established,related</c>); JSON writes a plain array.</summary>
public sealed record NftFlagList(IReadOnlyList<string> Names) : NftValue;
