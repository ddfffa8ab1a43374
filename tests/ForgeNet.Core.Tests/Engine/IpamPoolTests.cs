using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

/// <summary>Engine address pools (forge-ipam): store only, no kernel objects.</summary>
public class IpamPoolTests
{
    private static IpamRequest Request(string containerId, string ifName = "eth0") =>
        new("pool0", containerId, ifName) { Subnets = ["10.231.20.0/29", "fd00:231:20::/120"] };

    [PrivilegedFact]
    public void LeaseAddresses_ReleasedAndLeasedAgain_SameAddressesBack()
    {
        using var env = new EngineSandbox();
        var first = env.Engine.LeaseAddresses(Request("c1"));
        Assert.True(env.Engine.ReleaseAddresses("pool0", "c1", "eth0"));
        Assert.False(env.Engine.ReleaseAddresses("pool0", "c1", "eth0"));

        var again = env.Engine.LeaseAddresses(Request("c1"));

        Assert.Equal(first, again);
        Assert.StartsWith("10.231.20.", first.Address4);
        Assert.EndsWith("/29", first.Address4);
        Assert.Equal("10.231.20.1", first.Gateway4);
        Assert.StartsWith("fd00:231:20::", first.Address6);
    }

    [PrivilegedFact]
    public void LeaseAddresses_PoolFull_ExhaustedAndTwiceAlreadyExists()
    {
        using var env = new EngineSandbox();
        // A /29 lends .2 to .6: five addresses.
        var leases = Enumerable.Range(0, 5).Select(i => env.Engine.LeaseAddresses(Request($"c{i}"))).ToList();

        var full = Assert.Throws<ForgeException>(() => env.Engine.LeaseAddresses(Request("c9")));
        var twice = Assert.Throws<ForgeException>(() => env.Engine.LeaseAddresses(Request("c0")));

        Assert.Equal(5, leases.Select(l => l.Address4).Distinct().Count());
        Assert.Equal(ErrorKind.Exhausted, full.Kind);
        Assert.Equal(ErrorKind.AlreadyExists, twice.Kind);
        Assert.Equal(5, env.Engine.ListLeases("pool0").Count);
        Assert.Null(env.Engine.FindLease("pool0", "c9", "eth0"));
    }

    [PrivilegedFact]
    public void LeaseAddresses_RequestedOrOtherSubnetsOrOverlap_Checked()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.231.21.0/24" });

        var requested = env.Engine.LeaseAddresses(Request("c1") with { RequestedAddresses = ["10.231.20.5"] });
        var taken = Assert.Throws<ForgeException>(() => env.Engine.LeaseAddresses(Request("c2") with { RequestedAddresses = ["10.231.20.5"] }));
        var other = Assert.Throws<ForgeException>(() => env.Engine.LeaseAddresses(Request("c3") with { Subnets = ["10.231.22.0/24"] }));
        var overlap = Assert.Throws<ForgeException>(() => env.Engine.LeaseAddresses(new IpamRequest("pool1", "c1", "eth0") { Subnets = ["10.231.21.128/25"] }));

        Assert.Equal("10.231.20.5/29", requested.Address4);
        Assert.Equal(ErrorKind.InUse, taken.Kind);
        Assert.Equal(ErrorKind.InvalidArgument, other.Kind);
        Assert.Equal(ErrorKind.InUse, overlap.Kind);
        Assert.Contains("overlaps network net0", overlap.Message);
    }
}
