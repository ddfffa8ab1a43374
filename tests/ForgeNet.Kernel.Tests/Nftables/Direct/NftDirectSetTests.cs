using System.Net;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>Tables, chains, sets and elements written directly: the kernel holds what libnftables makes of them.</summary>
public sealed class NftDirectSetTests
{
    private static NftValue A(string address) => NftValue.Address(IPAddress.Parse(address));

    private static NftValue P(string prefix) => NftValue.Prefix(IpPrefix.Parse(prefix));

    [PrivilegedFact]
    public void ReplaceTable_ChainsSetsMapsAndElements_SameAsLibnftables()
    {
        using var both = new DirectComparison();
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        var tx = new NftTransaction().ReplaceTable(t)
            .AddChain(NftChain.Regular(t, "ep1"))
            .AddChain(NftChain.Base(t, "forward", NftChainType.Filter, NftHook.Forward, -10, NftChainPolicy.Drop))
            .AddChain(NftChain.Base(t, "post", NftChainType.Nat, NftHook.Postrouting, NftPriority.SrcNat))
            .AddSet(NftSet.Of(t, "svc", NftDataType.InetService) with { Elements = [NftValue.Port(53), NftValue.Port(443)] })
            .AddSet(NftSet.Of(t, "ifs", NftDataType.IfName) with { Elements = [NftValue.IfName("veth0")] })
            .AddSet(NftSet.Of(t, "protos", NftDataType.InetProto) with { Elements = [NftValue.L4Proto(NftL4Proto.Tcp)] })
            .AddSet(NftSet.Of(t, "marks", NftDataType.Mark) with { Elements = [NftValue.Number(7)] })
            .AddSet(NftSet.Of(t, "macs", NftDataType.EtherAddr) with { Elements = [NftValue.String("02:00:00:00:00:01")] })
            .AddSet(NftSet.Of(t, "allow4", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval, Elements = [P("10.99.1.0/24"), A("192.0.2.7")] })
            .AddSet(NftSet.Of(t, "allow6", NftDataType.Ipv6Addr) with { Flags = NftSetFlags.Interval, Elements = [P("fd00:99::/64")] })
            .AddSet(NftSet.Of(t, "pairs", NftDataType.Ipv4Addr, NftDataType.InetService) with
            {
                Flags = NftSetFlags.Interval,
                Elements = [NftValue.Concat(A("10.0.0.1"), NftValue.Port(53)), NftValue.Concat(P("10.1.0.0/16"), NftValue.PortRange(80, 90))],
            })
            .AddSet(NftSet.Of(t, "recent", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Timeout, Timeout = TimeSpan.FromSeconds(30), Size = 1024 })
            .AddSet(NftSet.Of(t, "flows4", NftDataType.Ipv4Addr, NftDataType.Ipv4Addr, NftDataType.InetProto, NftDataType.InetService, NftDataType.InetService)
                with { Flags = NftSetFlags.Timeout, Timeout = TimeSpan.FromDays(1), Size = 262_144 })
            .AddSet(NftSet.VerdictMap(t, "dispatch", NftDataType.IfName) with
            {
                Elements = [new(NftValue.IfName("veth0"), NftVerdict.Jump("ep1")), new(NftValue.IfName("veth9"), NftVerdict.Drop)],
            })
            .AddSet(NftSet.VerdictMap(t, "bridged", NftDataType.IfName, NftDataType.IfName) with
            {
                Elements = [new(NftValue.Concat(NftValue.IfName("br0"), NftValue.IfName("br0")), NftVerdict.Accept)],
            })
            .AddSet(NftSet.Map(t, "natmap", NftDataType.Ipv4Addr, NftDataType.Ipv4Addr) with { Elements = [new(A("10.0.0.1"), A("10.0.0.2"))] })
            .AddElements(t, "recent", new NftElement(A("10.0.0.9")) { Timeout = TimeSpan.FromSeconds(10), Comment = "hello" });

        both.Apply(tx);
        both.AssertSame(t);
        both.Apply(tx);
        both.AssertSame(t);
    }

    [PrivilegedFact]
    public void AddElements_IntervalSetFlushedInTheSameBatch_SameAsLibnftables()
    {
        using var both = new DirectComparison();
        var t = new NftTable(NftFamily.Bridge, TestNames.Unique());
        var set = NftSet.Of(t, "group", NftDataType.Ipv4Addr) with { Flags = NftSetFlags.Interval };
        both.Prepare(new NftTransaction().ReplaceTable(t).AddSet(set with { Elements = [P("10.0.0.0/8")] }));

        both.Apply(new NftTransaction().AddSet(set).FlushSet(t, "group")
            .AddElements(t, "group", P("172.16.0.0/12"), A("192.0.2.1"), NftValue.Range(A("198.51.100.10"), A("198.51.100.20")), P("0.0.0.0/8")));

        both.AssertSame(t);
    }

    [PrivilegedFact]
    public void DeleteElementsAndSets_ThenFlushAndDeleteTable_SameAsLibnftables()
    {
        using var both = new DirectComparison();
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        both.Prepare(new NftTransaction().ReplaceTable(t).AddChain(NftChain.Regular(t, "c"))
            .AddSet(NftSet.Of(t, "s", NftDataType.Ipv4Addr) with { Elements = [A("10.0.0.1"), A("10.0.0.2")] })
            .AddSet(NftSet.Of(t, "gone", NftDataType.Ipv6Addr))
            .AddRule(NftRule.In(t, "c").Counter().Accept().Build()));

        both.Apply(new NftTransaction().DeleteElements(t, "s", A("10.0.0.1")).DeleteSet(t, "gone").FlushTable(t));
        both.AssertSame(t);

        both.Apply(new NftTransaction().FlushSet(t, "s").DeleteChain(t, "c"));
        both.AssertSame(t);

        both.Apply(new NftTransaction().DeleteTableIfExists(t));
        Assert.Null(both.Netlink.ListTable(t.Family, t.Name));
    }
}
