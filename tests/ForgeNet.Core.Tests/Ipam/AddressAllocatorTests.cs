using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Ipam;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Tests.Ipam;

public class AddressAllocatorTests
{
    private static SubnetRange Range(string cidr) => new(IpPrefix.Parse(cidr));

    private static HashSet<IPAddress> Set(params string[] addresses) => addresses.Select(IPAddress.Parse).ToHashSet();

    [Fact]
    public void Allocate_SameKeyAndNetwork_SameAddress()
    {
        var range = Range("10.89.0.0/24");
        var a = AddressAllocator.Allocate(range, "web-1", "n1", "net0", Set());
        var b = AddressAllocator.Allocate(range, "web-1", "n1", "net0", Set());
        Assert.Equal(a, b);
    }

    [Fact]
    public void Allocate_DifferentKeys_SpreadOverRange()
    {
        var range = Range("10.89.0.0/24");
        var addresses = Enumerable.Range(0, 20).Select(i => AddressAllocator.Allocate(range, $"box-{i}", "n1", "net0", Set())).ToHashSet();
        Assert.True(addresses.Count >= 15, $"only {addresses.Count} distinct start addresses for 20 keys");
    }

    [Fact]
    public void Allocate_DifferentNetworkId_StartsElsewhere()
    {
        var range = Range("10.89.0.0/16");
        var starts = Enumerable.Range(0, 5).Select(i => AddressAllocator.Allocate(range, "web-1", $"net-{i}", "net0", Set())).ToHashSet();
        Assert.True(starts.Count > 1);
    }

    [Fact]
    public void Allocate_StartTaken_ProbesToNextFree()
    {
        var range = Range("10.89.0.0/24");
        var first = AddressAllocator.Allocate(range, "web-1", "n1", "net0", Set());
        var second = AddressAllocator.Allocate(range, "web-1", "n1", "net0", new HashSet<IPAddress> { first });
        var expected = range.At(range.OffsetOf(first) == range.LastHostOffset ? SubnetRange.FirstHostOffset : range.OffsetOf(first) + 1);
        Assert.Equal(expected, second);
    }

    [Fact]
    public void Allocate_FillWholeSlash24_NeverReservedNeverTwice()
    {
        var range = Range("10.89.3.0/24");
        var used = new HashSet<IPAddress>();
        for (var i = 0; i < 253; i++)
            Assert.True(used.Add(AddressAllocator.Allocate(range, $"k{i}", "n1", "net0", used)));
        Assert.DoesNotContain(IPAddress.Parse("10.89.3.0"), used);
        Assert.DoesNotContain(IPAddress.Parse("10.89.3.1"), used);
        Assert.DoesNotContain(IPAddress.Parse("10.89.3.255"), used);
        var e = Assert.Throws<ForgeException>(() => AddressAllocator.Allocate(range, "one-more", "n1", "net0", used));
        Assert.Equal(ErrorKind.Exhausted, e.Kind);
        Assert.Equal("network net0 has no free IPv4 address in 10.89.3.0/24", e.Message);
    }

    [Fact]
    public void Allocate_Slash30_OnlyOneHost()
    {
        var range = Range("192.168.7.4/30");
        var only = AddressAllocator.Allocate(range, "a", "n", "tiny", Set());
        Assert.Equal(IPAddress.Parse("192.168.7.6"), only);
        Assert.Equal(IPAddress.Parse("192.168.7.5"), range.Gateway);
        Assert.Equal(ErrorKind.Exhausted, Assert.Throws<ForgeException>(() => AddressAllocator.Allocate(range, "b", "n", "tiny", new HashSet<IPAddress> { only })).Kind);
    }

    [Theory]
    [InlineData("10.0.0.0/31")]
    [InlineData("10.0.0.7/32")]
    [InlineData("fd00::/127")]
    [InlineData("fd00::1/128")]
    public void Allocate_NoHostRange_Exhausted(string cidr)
    {
        var e = Assert.Throws<ForgeException>(() => AddressAllocator.Allocate(Range(cidr), "a", "n", "tiny", Set()));
        Assert.Equal(ErrorKind.Exhausted, e.Kind);
    }

    [Fact]
    public void Allocate_Ipv6Slash64_InSubnetAndDeterministic()
    {
        var range = Range("fd12:3456:789a::/64");
        var a = AddressAllocator.Allocate(range, "web-1", "n1", "net0", Set());
        Assert.True(range.Contains(a));
        Assert.False(range.IsReserved(range.OffsetOf(a)));
        Assert.Equal(a, AddressAllocator.Allocate(range, "web-1", "n1", "net0", Set()));
    }

    [Fact]
    public void Allocate_Ipv6Slash120_LastAddressUsableAndExhausts()
    {
        var range = Range("fd00:1::/120");
        var used = new HashSet<IPAddress>();
        for (var i = 0; i < 254; i++)
            Assert.True(used.Add(AddressAllocator.Allocate(range, $"k{i}", "n", "v6", used)));
        Assert.Contains(IPAddress.Parse("fd00:1::ff"), used);     // no broadcast in IPv6
        Assert.DoesNotContain(IPAddress.Parse("fd00:1::"), used);
        Assert.DoesNotContain(IPAddress.Parse("fd00:1::1"), used);
        var e = Assert.Throws<ForgeException>(() => AddressAllocator.Allocate(range, "x", "n", "v6", used));
        Assert.Equal("network v6 has no free IPv6 address in fd00:1::/120", e.Message);
    }

    [Fact]
    public void Allocate_UsedAddressesOutsideSubnet_Ignored()
    {
        var range = Range("192.168.7.4/30");
        var only = AddressAllocator.Allocate(range, "a", "n", "tiny", Set("10.0.0.1", "fd00::5"));
        Assert.Equal(IPAddress.Parse("192.168.7.6"), only);
    }

    [Theory]
    [InlineData("10.89.0.0", ErrorKind.InvalidArgument, "network address")]
    [InlineData("10.89.0.1", ErrorKind.InvalidArgument, "gateway")]
    [InlineData("10.89.0.255", ErrorKind.InvalidArgument, "broadcast")]
    [InlineData("10.89.1.5", ErrorKind.InvalidArgument, "not in network net0's subnet")]
    [InlineData("10.89.0.7", ErrorKind.InUse, "already in use on network net0")]
    public void CheckRequested_BadAddress_ClearError(string address, ErrorKind kind, string fragment)
    {
        var e = Assert.Throws<ForgeException>(() =>
            AddressAllocator.CheckRequested(Range("10.89.0.0/24"), IPAddress.Parse(address), "net0", Set("10.89.0.7")));
        Assert.Equal(kind, e.Kind);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void CheckRequested_FreeAddress_Accepted()
    {
        AddressAllocator.CheckRequested(Range("10.89.0.0/24"), IPAddress.Parse("10.89.0.254"), "net0", Set("10.89.0.7"));
    }
}
