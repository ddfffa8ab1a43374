using System.Net;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.PeerPolicyTests;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// Anti-spoofing and IPv6 hygiene on the bridge: the sandbox is root in its namespace, so the tests spoof from inside
/// it (another address, another MAC, a router advertisement) and watch the frames die on the host's bridge.
/// </summary>
public class HygieneTests
{
    [PrivilegedFact]
    public void SpoofedSourceAddress_FromSandbox_Dropped()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.41.0/24" });
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        var b = env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net0"] });
        using var nsA = env.OpenSandbox("a");
        using var nsB = env.OpenSandbox("b");
        // The sandbox takes another address of the subnet on its own interface.
        Probe.Ip("-n", env.Prefix + "a", "address", "add", "10.99.41.200/24", "dev", "eth0");
        using var listener = Listen(nsB, IPAddress.Any);
        Assert.True(Tcp(nsA, listener, V4(b), source: V4(a)), "from its own address");
        Assert.False(Tcp(nsA, listener, V4(b), source: IPAddress.Parse("10.99.41.200"), timeout: Denied), "from a spoofed address");
        Assert.Contains(DropCounters(env, a, "anti-spoofing: foreign IPv4 source"), packets => packets > 0);
    }

    [PrivilegedFact]
    public void SpoofedMac_FromSandbox_Dropped()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        var b = env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net0"] });
        using var nsA = env.OpenSandbox("a");
        using var nsB = env.OpenSandbox("b");
        using var listener = Listen(nsB, IPAddress.Any);
        Assert.True(Tcp(nsA, listener, V4(b)), "with its own MAC");
        Probe.Ip("-n", env.Prefix + "a", "link", "set", "eth0", "address", "02:66:66:66:66:66");
        Probe.Ip("-n", env.Prefix + "a", "neigh", "flush", "all");
        Assert.False(Tcp(nsA, listener, V4(b), timeout: Denied), "with a spoofed MAC");
        Assert.False(Ping(nsA, V4(b), Denied));
        Assert.Contains(DropCounters(env, a, "anti-spoofing: foreign MAC"), packets => packets > 0);
    }

    [PrivilegedTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void RouterAdvertisement_FromSandbox_DroppedUnlessHygieneIsOff(bool hygiene)
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        // An egress rule allows ICMPv6 to all nodes: the hygiene drop must win over it.
        var policy = FirewallSamples.Parse($"""
            version: 1
            mode: internal
            ipv6-hygiene: {(hygiene ? "true" : "false")}
            egress:
              - to: ["ff02::1"]
                protocols: [icmpv6]
            """);
        env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"], Policy = policy });
        env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net0"] });
        using var nsA = env.OpenSandbox("a");
        using var nsB = env.OpenSandbox("b");
        using var watcher = RawIcmpv6(nsB);
        var index = int.Parse(IfIndex(env, "a"), System.Globalization.CultureInfo.InvariantCulture);
        SendRouterAdvertisement(nsA, index);
        // The positive case (hygiene off) proves the advertisement is well-formed and the watcher sees it.
        Assert.Equal(!hygiene, SawRouterAdvertisement(watcher, hygiene ? Denied : Allowed));
    }

    private static string IfIndex(EngineSandbox env, string sandbox) =>
        Probe.Ip("-n", env.Prefix + sandbox, "-o", "link", "show", "eth0").Split(':')[0].Trim();

    /// <summary>The packet counts of the sandbox's rules whose comment is <paramref name="comment"/>, read from the kernel.</summary>
    internal static IEnumerable<ulong> DropCounters(EngineSandbox env, SandboxInfo sandbox, string comment, NftFamily family = NftFamily.Bridge)
    {
        using var nft = NftablesBackend.OpenIn(f => env.Host.Run(f));
        var table = nft.ListTable(family, "forgenet")!;
        var port = sandbox.Endpoints[0].HostInterface;
        return table.Rules.Where(r => r.Chain.Contains(port, StringComparison.Ordinal) && r.Comment == comment)
            .Select(r => r.Counter?.Packets ?? 0).ToList();
    }
}
