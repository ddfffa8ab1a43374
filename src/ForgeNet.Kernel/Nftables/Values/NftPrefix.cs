using System.Net;

namespace ForgeNet.Kernel.Nftables;

/// <summary>A network prefix (<c>10.99.1.0/24</c>); in JSON an object, as a bare string would be taken for a host name.</summary>
public sealed record NftPrefix(IPAddress Network, int Length) : NftValue;
