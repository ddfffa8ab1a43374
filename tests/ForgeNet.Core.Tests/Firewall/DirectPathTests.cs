using System.Reflection;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// Sandboxes come and go without libnftables once their network is in place: libnftables reads the whole ruleset
/// before each batch, so every create that fell back to it cost more the more sandboxes there were.
/// </summary>
public sealed class DirectPathTests
{
    [PrivilegedFact]
    public void CreateAndRemove_NetworkInPlace_EveryBatchDirect()
    {
        using var env = new Engine.EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        env.Engine.CreateSandbox(new SandboxSpec("first") { Networks = ["net0"] });
        var backend = Backend(env.Engine);
        var before = backend.Counts;

        for (var i = 0; i < 5; i++)
            env.Engine.CreateSandbox(new SandboxSpec($"s{i}") { Networks = ["net0"] });
        for (var i = 0; i < 5; i++)
            env.Engine.RemoveSandbox($"s{i}", force: false);

        var after = backend.Counts;
        Assert.True(after.Libnftables == before.Libnftables, $"libnftables took {after.Libnftables - before.Libnftables} batches: {after.LastFallbackReason}");
        Assert.Equal(10, after.Direct - before.Direct);
    }

    // What forge-cni's benchmark does per container, and more: published ports (DNAT rules to IPv4 and IPv6, with and
    // without a port change, on one host address; publish map elements; the ingress chain's lookup of protocol and
    // port, ranges included) and a policy with a CIDR and a preset.
    [PrivilegedFact]
    public void CreateAndRemove_PublishedPortAndPolicy_EveryBatchDirect()
    {
        using var env = new Engine.EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        var policy = FirewallSamples.Parse("""
            version: 1
            mode: private
            ingress:
              - from: [{cidr: 10.201.0.0/24}]
            egress:
              - to: [{cidr: 10.201.0.0/24}]
              - to: [public-internet]
                ports: [443/tcp]
            """);
        NetworkPolicy Publishing(int port) => policy with
        {
            Ports =
            [
                new PortMapping(null, new PortRange(TransportProtocol.Tcp, port), new PortRange(TransportProtocol.Tcp, 80)),
                new PortMapping(System.Net.IPAddress.Loopback, new PortRange(TransportProtocol.Udp, port), new PortRange(TransportProtocol.Udp, port)),
                new PortMapping(null, new PortRange(TransportProtocol.Tcp, port + 100, port + 102), new PortRange(TransportProtocol.Tcp, 9000, 9002)),
            ],
        };
        env.Engine.CreateSandbox(new SandboxSpec("first") { Networks = ["net0"], Policy = Publishing(20000) });
        var backend = Backend(env.Engine);
        var before = backend.Counts;

        for (var i = 0; i < 3; i++)
            env.Engine.CreateSandbox(new SandboxSpec($"s{i}") { Networks = ["net0"], Policy = Publishing(20010 + 10 * i) });
        for (var i = 0; i < 3; i++)
            env.Engine.RemoveSandbox($"s{i}", force: false);

        var after = backend.Counts;
        Assert.True(after.Libnftables == before.Libnftables, $"libnftables took {after.Libnftables - before.Libnftables} batches: {after.LastFallbackReason}");
        Assert.Equal(6, after.Direct - before.Direct);
    }

    internal static NftablesBackend Backend(ForgeNet.Core.Engine engine)
    {
        var firewall = typeof(ForgeNet.Core.Engine).GetField("_firewall", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine)!;
        return (NftablesBackend)firewall.GetType().GetProperty("Backend")!.GetValue(firewall)!;
    }
}
