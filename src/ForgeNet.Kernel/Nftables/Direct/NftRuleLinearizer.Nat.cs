using System.Buffers.Binary;
using System.Net.Sockets;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// snat and dnat to one address and optionally a port (netlink_gen_nat_stmt): immediates load the address into the
/// first 128-bit register and the port into the second, then the nat expression names both. nft adds no protocol
/// dependency for them; it refuses a port without an established transport protocol, and an address of the other IP
/// version than the rule's network protocol, so those go to libnftables, which reports them.
/// </summary>
internal sealed partial class NftRuleLinearizer
{
    private const uint NatSnat = 0, NatDnat = 1;
    private const uint RangeProtoSpecified = 2;
    private const byte NfProtoIpv4 = 2, NfProtoIpv6 = 10;

    private void Nat(NftNat nat)
    {
        if (_family != NftFamily.Inet) throw new NftDirectUnsupportedException($"{nat} in a {NftNames.Of(_family)} table");
        if (nat.Address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new NftDirectUnsupportedException($"nat address {nat.Address}");
        var ipv4 = nat.Address.AddressFamily == AddressFamily.InterNetwork;
        var version = ipv4 ? "ip" : "ip6";
        if (_network is not null && _network != version) throw new NftDirectUnsupportedException($"{nat} after {_network}");
        if (nat.Port is not null && _transport is null or Unclear) throw new NftDirectUnsupportedException($"{nat} without a transport protocol");

        _expressions.Add(new NftWireExpr.ImmediateData(0, nat.Address.GetAddressBytes()));
        int? portWord = null;
        if (nat.Port is { } port)
        {
            var bytes = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(bytes, port);
            _expressions.Add(new NftWireExpr.ImmediateData(4, bytes));
            portWord = 4;
        }
        var flags = NatFlags(nat.Flags) | (nat.Port is null ? 0 : RangeProtoSpecified);
        _expressions.Add(new NftWireExpr.Nat(nat.Kind == NftNatKind.Snat ? NatSnat : NatDnat, ipv4 ? NfProtoIpv4 : NfProtoIpv6, 0, portWord, flags));
    }

    /// <summary>NF_NAT_RANGE_* port-selection flags: random 4, persistent 8, fully random 16.</summary>
    private static uint NatFlags(NftNatFlags flags) =>
        (flags.HasFlag(NftNatFlags.Random) ? 4u : 0) | (flags.HasFlag(NftNatFlags.Persistent) ? 8u : 0)
        | (flags.HasFlag(NftNatFlags.FullyRandom) ? 16u : 0);
}
