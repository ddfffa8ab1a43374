using System.Diagnostics;
using System.Net;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;
using Xunit.Abstractions;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>
/// A sandbox's bandwidth limited both ways the way the CNI bandwidth plugin does it, measured with iperf3 between two
/// throwaway namespaces: into the sandbox by a TBF on the host end of its veth, out of it by redirecting the host
/// end's ingress to an ifb with a TBF. Traffic stays between the two namespaces.
/// </summary>
public sealed class BandwidthLimitTests(ITestOutputHelper output)
{
    private const double RateBitsPerSecond = 20_000_000;
    private const double Tolerance = 0.20;
    private static readonly IPAddress Host = IPAddress.Parse("10.78.0.1");
    private static readonly IPAddress Sandbox = IPAddress.Parse("10.78.0.2");

    [PrivilegedFact]
    public void TokenBucketAndIfbRedirect_Iperf3BothWays_ThroughputWithinTwentyPercentOfLimit()
    {
        using var host = ThrowawayNamespace.Create();
        using var sandbox = ThrowawayNamespace.Create();
        var veth = host.Netlink.CreateVeth(new VethOptions(TestNames.Unique(), "eth0") { PeerNamespace = sandbox.Handle, Up = true, PeerUp = true });
        host.Netlink.AddAddress(veth, new IpPrefix(Host, 24));
        sandbox.Netlink.AddAddress(sandbox.Netlink.GetLink("eth0")!.Index, new IpPrefix(Sandbox, 24));
        var limit = new TokenBucketOptions((ulong)RateBitsPerSecond / 8, 32 * 1024);
        host.Netlink.SetTokenBucket(veth, limit);
        var ifb = host.Netlink.CreateIfb(new IfbOptions(TestNames.Unique("i")) { Up = true });
        host.Netlink.SetTokenBucket(ifb, limit);
        host.Netlink.RedirectIngress(veth, ifb);

        double into, outOf;
        using (var server = Iperf3.Serve(psi => sandbox.Run(() => Process.Start(psi)!), Sandbox))
        {
            into = server.Measure(psi => host.Run(() => Process.Start(psi)!), reverse: false);
            outOf = server.Measure(psi => host.Run(() => Process.Start(psi)!), reverse: true);
        }

        var shaped = host.Netlink.ListQdiscs(veth).Single(q => q.IsRoot).Stats!;
        var redirected = host.Netlink.ListQdiscs(ifb).Single(q => q.IsRoot).Stats!;
        output.WriteLine($"limit {RateBitsPerSecond / 1e6:F1} Mbit/s; into the sandbox {into / 1e6:F2} Mbit/s, out of it {outOf / 1e6:F2} Mbit/s");
        output.WriteLine($"host veth tbf: {shaped}");
        output.WriteLine($"ifb tbf: {redirected}");
        Assert.InRange(into, RateBitsPerSecond * (1 - Tolerance), RateBitsPerSecond * (1 + Tolerance));
        Assert.InRange(outOf, RateBitsPerSecond * (1 - Tolerance), RateBitsPerSecond * (1 + Tolerance));
        // Three seconds at the limit passed each bucket (data one way, acks the other), and each made packets wait.
        Assert.True(shaped.Bytes > 3 * RateBitsPerSecond / 8 * (1 - Tolerance), $"host veth tbf {shaped}");
        Assert.True(redirected.Bytes > 3 * RateBitsPerSecond / 8 * (1 - Tolerance), $"ifb tbf {redirected}");
        Assert.True(shaped.Overlimits > 0 && redirected.Overlimits > 0, "neither bucket ever ran dry");
    }
}
