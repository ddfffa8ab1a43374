using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Firewall;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Tests.Firewall;

public class AddressRangesTests
{
    private static AddressRanges V4(params string[] prefixes) => AddressRanges.Of(AddressFamily.InterNetwork, prefixes.Select(IpPrefix.Parse));

    private static AddressRanges V6(params string[] prefixes) => AddressRanges.Of(AddressFamily.InterNetworkV6, prefixes.Select(IpPrefix.Parse));

    [Fact]
    public void Of_OverlappingAndAdjacent_MergedIntoPrefixes()
    {
        Assert.Equal("10.0.0.0/8", V4("10.0.0.0/8", "10.1.0.0/16", "10.255.255.255/32").ToString());
        Assert.Equal("10.0.0.0/23", V4("10.0.1.0/24", "10.0.0.0/24").ToString());
        Assert.Equal("10.0.0.1-10.0.0.2", V4("10.0.0.1", "10.0.0.2").ToString());
    }

    [Fact]
    public void Of_OtherFamilyIgnored()
    {
        Assert.True(V4("fd00::/8").IsEmpty);
        Assert.Equal("fd00::/8", V6("fd00::/8", "10.0.0.0/8").ToString());
    }

    [Fact]
    public void IsAll_WholeSpaceOnly()
    {
        Assert.True(V4("0.0.0.0/1", "128.0.0.0/1").IsAll);
        Assert.True(V6("::/0").IsAll);
        Assert.False(V4("0.0.0.0/1").IsAll);
    }

    [Fact]
    public void Except_CutsHolesAndEnds()
    {
        var cut = V4("0.0.0.0/0").Except(V4("10.0.0.0/8", "0.0.0.0/8", "240.0.0.0/4"));
        Assert.Equal("1.0.0.0-9.255.255.255, 11.0.0.0-239.255.255.255", cut.ToString());
        Assert.True(cut.Contains(IPAddress.Parse("198.18.0.1")));
        Assert.False(cut.Contains(IPAddress.Parse("10.1.2.3")));
        Assert.True(V4("10.0.0.0/8").Except(V4("0.0.0.0/0")).IsEmpty);
    }

    [Fact]
    public void Except_Ipv6_KeepsGlobalUnicast()
    {
        var cut = V6("::/0").Except(V6("fc00::/7", "fe80::/10", "ff00::/8", "::1/128"));
        Assert.True(cut.Contains(IPAddress.Parse("2001:db8::1")));
        Assert.False(cut.Contains(IPAddress.Parse("fd00:ec2::254")));
        Assert.False(cut.Contains(IPAddress.Parse("::1")));
    }

    [Fact]
    public void Intersect_OverlapsOnly_SameAsCuttingTwice()
    {
        var many = V4("10.0.0.0/24", "10.0.2.0/24", "10.1.0.0/16", "192.0.2.7", "198.51.100.0/24");
        var onLink = V4("10.0.2.128/25", "10.0.3.0/24", "10.1.4.0/24", "10.1.9.9", "224.0.0.0/4");

        Assert.Equal("10.0.2.128/25, 10.1.4.0/24, 10.1.9.9", many.Intersect(onLink).ToString());
        Assert.Equal(many.Except(many.Except(onLink)).ToString(), many.Intersect(onLink).ToString());
        Assert.Equal(many.Intersect(onLink).ToString(), onLink.Intersect(many).ToString());
        Assert.True(many.Intersect(V4("172.16.0.0/12")).IsEmpty);
        Assert.Equal("10.0.0.0/24", V4("0.0.0.0/0").Intersect(V4("10.0.0.0/24")).ToString());
    }

    [Fact]
    public void Builder_NetworksInAnyOrder_MergedOnce()
    {
        var builder = new AddressRanges.Builder(AddressFamily.InterNetwork);
        foreach (var text in new[] { "10.0.1.0/24", "10.0.0.0/24", "192.0.2.1/32", "10.0.0.0/8" })
            builder.Add(IPNetwork.Parse(text));
        builder.Add(V4("192.0.2.2"));

        Assert.Equal("10.0.0.0/8, 192.0.2.1-192.0.2.2", builder.Build().ToString());
        Assert.True(new AddressRanges.Builder(AddressFamily.InterNetworkV6).Build().IsEmpty);
    }

    [Fact]
    public void ToPrefixes_RangesSplitIntoAlignedBlocks()
    {
        var cut = V4("10.0.0.0/8").Except(V4("10.0.0.0/24"));
        Assert.Equal(
            ["10.0.1.0/24", "10.0.2.0/23", "10.0.4.0/22", "10.0.8.0/21", "10.0.16.0/20", "10.0.32.0/19", "10.0.64.0/18",
             "10.0.128.0/17", "10.1.0.0/16", "10.2.0.0/15", "10.4.0.0/14", "10.8.0.0/13", "10.16.0.0/12", "10.32.0.0/11",
             "10.64.0.0/10", "10.128.0.0/9"],
            cut.ToPrefixes().Select(p => $"{p.Network}/{p.Length}"));
        Assert.Equal(["0.0.0.0/0"], V4("0.0.0.0/0").ToPrefixes().Select(p => $"{p.Network}/{p.Length}"));
        Assert.Equal(["::/0"], V6("::/0").ToPrefixes().Select(p => $"{p.Network}/{p.Length}"));
        Assert.Equal(["10.0.0.1/32", "10.0.0.2/32"], V4("10.0.0.1", "10.0.0.2").ToPrefixes().Select(p => $"{p.Network}/{p.Length}"));
    }
}
