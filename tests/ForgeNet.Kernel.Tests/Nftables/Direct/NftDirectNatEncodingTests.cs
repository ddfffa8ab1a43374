using System.Buffers.Binary;
using System.Net;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>
/// nat rules byte for byte as libnftables 1.0.6 sends them (captured with <c>nft --debug=mnl add rule inet t c …</c>):
/// the kernel reads the port flag and register numbers back normalised, so the two-namespace comparison alone could not
/// tell a missing NF_NAT_RANGE_PROTO_SPECIFIED or another attribute order apart.
/// </summary>
public sealed class NftDirectNatEncodingTests
{
    private static readonly NftTable T = new(NftFamily.Inet, "t");

    [Fact]
    public void Write_DnatToAddressAndPort_AttributesLibnftablesSends() => Assert.Equal(
        "06000100740000000600020063000000e400048024000180090001006d6574610000000014000280080002000000001008000100000000012c00018008000100636d700020000280080001000000000108000200000000000c00038005000100060000002c0001800e000100696d6d6564696174650000001800028008000100000000010c000280080001000a59002b2c0001800e000100696d6d6564696174650000001800028008000100000000020c000280060001000050000038000180080001006e6174002c00028008000100000000010800020000000002080003000000000108000500000000020800070000000002",
        RuleAttributes(NftRule.In(T, "c").L4Proto(NftL4Proto.Tcp).Dnat(IPAddress.Parse("10.89.0.43"), 80).Build()));

    [Fact]
    public void Write_SnatToIpv6Address_AttributesLibnftablesSends() => Assert.Equal(
        "0600010074000000060002006300000064000480380001800e000100696d6d6564696174650000002400028008000100000000011800028014000100fd00000000000000000000000000000128000180080001006e6174001c0002800800010000000000080002000000000a0800030000000001",
        RuleAttributes(NftRule.In(T, "c").Snat(IPAddress.Parse("fd00::1")).Build()));

    [Fact]
    public void Write_PortWithoutTransportProtocol_Unsupported() =>
        Assert.Throws<NftDirectUnsupportedException>(() => RuleAttributes(NftRule.In(T, "c").Dnat(IPAddress.Parse("10.0.0.1"), 80).Build()));

    [Fact]
    public void Write_Ipv6AddressAfterIpv4Match_Unsupported() =>
        Assert.Throws<NftDirectUnsupportedException>(() => RuleAttributes(NftRule.In(T, "c")
            .Match(NftExpr.IpDaddr, NftValue.Address(IPAddress.Loopback)).Dnat(IPAddress.Parse("fd00::1")).Build()));

    // The NEWRULE message's attributes: after the batch-begin message, its netlink and nfgenmsg headers.
    private static string RuleAttributes(NftRule rule)
    {
        var batch = new NftBatch();
        NftRuleLinearizer.Write(batch, rule, append: true, command: 0);
        var bytes = batch.Finish(1).ToArray();
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20));
        return Convert.ToHexStringLower(bytes.AsSpan(40, length - 20));
    }
}
