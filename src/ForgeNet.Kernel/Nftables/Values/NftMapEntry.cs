namespace ForgeNet.Kernel.Nftables;

/// <summary>One <c>key : value</c> pair of an anonymous map (<c>"veth1" : goto ep1</c>).</summary>
public sealed record NftMapEntry(NftValue Key, NftValue Value) : NftValue;
