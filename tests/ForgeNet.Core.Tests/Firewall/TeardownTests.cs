using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>What the firewall leaves behind: endpoint objects go with their sandbox, the tables with the last network.</summary>
public class TeardownTests
{
    [PrivilegedFact]
    public void RemoveSandbox_LastOnNetwork_TablesStayWithoutEndpointObjects()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        var b = env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net0"], Policy = FirewallSamples.Parse(FirewallSamples.PeerOnlyYaml) });
        var ruleset = Probe.Nft(env.HostName, "list", "ruleset");
        Assert.Contains($"ep-{a.Endpoints[0].HostInterface}-eg", ruleset);
        Assert.Contains($"ep-{b.Endpoints[0].HostInterface}-in", ruleset);
        env.Engine.RemoveSandbox("a", force: false);
        ruleset = Probe.Nft(env.HostName, "list", "ruleset");
        Assert.DoesNotContain(a.Endpoints[0].HostInterface, ruleset);
        Assert.Contains(b.Endpoints[0].HostInterface, ruleset);
        env.Engine.RemoveSandbox("b", force: false);
        ruleset = Probe.Nft(env.HostName, "list", "ruleset");
        Assert.DoesNotContain("fv", ruleset);
        Assert.Contains("table inet forgenet", ruleset);
    }

    [PrivilegedFact]
    public void RemoveNetwork_Last_NothingOfOursInTheRuleset()
    {
        using var env = new EngineSandbox();
        var net0 = env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateNetwork(new NetworkSpec("net1"));
        env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net1"] });
        env.Engine.RemoveNetwork("net0", force: true);
        var ruleset = Probe.Nft(env.HostName, "list", "ruleset");
        Assert.Contains("forgenet", ruleset);
        Assert.DoesNotContain(net0.BridgeName, ruleset);
        env.Engine.RemoveNetwork("net1", force: true);
        Assert.Equal("", Probe.Nft(env.HostName, "list", "ruleset").Trim());
    }

    [PrivilegedFact]
    public void Gc_ChainsWithoutRecord_Removed()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("keep") { Networks = ["net0"] });
        var gone = env.Engine.CreateSandbox(new SandboxSpec("gone") { Networks = ["net0"] });
        // Another process's crash between its records' deletion and its firewall cleanup, simulated on the store.
        using (var store = ForgeNet.Core.Store.ForgeStore.Open(env.StateDirectory))
            store.Write(() => store.DeleteSandbox(gone.Id));
        Assert.Contains(gone.Endpoints[0].HostInterface, Probe.Nft(env.HostName, "list", "ruleset"));
        var report = env.Engine.CollectGarbage();
        Assert.Contains(report.Removed, line => line.Contains(gone.Endpoints[0].HostInterface, StringComparison.Ordinal));
        var ruleset = Probe.Nft(env.HostName, "list", "ruleset");
        Assert.DoesNotContain(gone.Endpoints[0].HostInterface, ruleset);
        Assert.Contains(env.Engine.InspectSandbox("keep").Endpoints[0].HostInterface, ruleset);
    }
}
