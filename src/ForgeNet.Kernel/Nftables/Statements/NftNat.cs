using System.Net;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Translates to a fixed address and optionally port (<c>dnat ip to 10.0.0.5:80</c>); the IP version follows the address.</summary>
public sealed record NftNat(NftNatKind Kind, IPAddress Address, ushort? Port = null) : NftStatement
{
    public NftNatFlags Flags { get; init; }
}
