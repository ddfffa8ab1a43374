using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>The engine's policy API: modes against isolation, the stored policy, show and reload.</summary>
public class PolicyApiTests
{
    [PrivilegedFact]
    public void CreateSandbox_PolicyModeWithoutIsolation_ModeWinsAndYamlIsStored()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var policy = FirewallSamples.Parse(FirewallSamples.PeerOnlyYaml);
        var info = env.Engine.CreateSandbox(new SandboxSpec("db") { Networks = ["net0"], Policy = policy });
        Assert.Equal(IsolationMode.PeerOnly, info.Isolation);
        Assert.Equal(PolicyFormatter.Format(policy), info.PolicyYaml);
        // A second engine (another process) reads the same policy back from the store.
        using var other = env.Open();
        Assert.Equal(PolicyFormatter.Format(policy), other.InspectSandbox("db").PolicyYaml);
        Assert.Equal(IsolationMode.PeerOnly, other.ListSandboxes().Single().Isolation);
    }

    [PrivilegedFact]
    public void CreateSandbox_NoPolicy_DefaultOfTheModeReported()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        var lo = env.Engine.CreateSandbox(new SandboxSpec("lo"));
        Assert.Contains("mode: internal", a.PolicyYaml);
        Assert.Contains("mode: loopback-only", lo.PolicyYaml);
        Assert.Equal("", env.Engine.ShowPolicy("lo").Rules);
    }

    [PrivilegedFact]
    public void CreateSandbox_ContradictoryOrInvalidPolicy_InvalidArgumentAndNothingMade()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var peerOnly = FirewallSamples.Parse(FirewallSamples.PeerOnlyYaml);
        (SandboxSpec Spec, string Message)[] cases =
        [
            (new SandboxSpec("x") { Networks = ["net0"], Isolation = IsolationMode.Internal, Policy = peerOnly }, "isolation internal contradicts the policy's mode peer-only"),
            (new SandboxSpec("x") { Policy = peerOnly }, "isolation peer-only needs at least one network"),
            (new SandboxSpec("x") { Networks = ["net0"], Policy = new NetworkPolicy { Mode = PolicyMode.Host } }, "mode host"),
            (new SandboxSpec("x") { Networks = ["net0"], Policy = new NetworkPolicy { Mode = PolicyMode.Internal, Ports = [new PortMapping(null, new PortRange(TransportProtocol.Tcp, 80), new PortRange(TransportProtocol.Tcp, 80))] } }, "published ports need mode private"),
        ];
        foreach (var (spec, message) in cases)
        {
            var e = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(spec));
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
            Assert.Contains(message, e.Message);
        }
        Assert.Empty(env.Engine.ListSandboxes());
        Assert.Empty(env.OurNamespaces());
    }

    [PrivilegedFact]
    public void ApplyPolicy_ToAndFromLoopbackOnly_Refused()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        env.Engine.CreateSandbox(new SandboxSpec("lo"));
        var toLoopback = Assert.Throws<ForgeException>(() => env.Engine.ApplyPolicy("a", NetworkPolicy.Default));
        Assert.Equal(ErrorKind.InvalidArgument, toLoopback.Kind);
        var fromLoopback = Assert.Throws<ForgeException>(() => env.Engine.ApplyPolicy("lo", FirewallSamples.Internal));
        Assert.Equal(ErrorKind.InvalidArgument, fromLoopback.Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<ForgeException>(() => env.Engine.ApplyPolicy("nope", FirewallSamples.Internal)).Kind);
        Assert.Contains("mode: internal", env.Engine.InspectSandbox("a").PolicyYaml);
    }

    [PrivilegedFact]
    public void ApplyPolicy_ChangesModeStoreAndChains()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        var policy = FirewallSamples.Parse(FirewallSamples.PeerOnlyYaml);
        var updated = env.Engine.ApplyPolicy("a", policy);
        Assert.Equal(IsolationMode.PeerOnly, updated.Isolation);
        Assert.Equal(PolicyFormatter.Format(policy), updated.PolicyYaml);
        var view = env.Engine.ShowPolicy("a");
        Assert.Equal("a", view.Sandbox);
        Assert.Equal(updated.PolicyYaml, view.PolicyYaml);
        var port = a.Endpoints[0].HostInterface;
        Assert.Contains($"chain ep-{port}-in", view.Rules);
        Assert.Contains("web calls the database", view.Rules);
        Assert.Contains("counter packets", view.Rules);
        Assert.DoesNotContain("mode internal: peers", view.Rules);
    }

    [PrivilegedFact]
    public void ReloadFirewall_TablesDeletedByHand_Restored()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        var before = NormalizedHost(env);
        Probe.Nft(env.HostName, "delete", "table", "inet", "forgenet");
        Assert.DoesNotContain("inet forgenet", Probe.Nft(env.HostName, "list", "tables"));
        env.Engine.ReloadFirewall();
        Assert.Equal(before, NormalizedHost(env));
        Assert.Contains(a.Endpoints[0].HostInterface, Probe.Nft(env.HostName, "list", "ruleset"));
    }

    [PrivilegedFact]
    public void CreateSandbox_TablesFlushedByHand_RebuiltOnTheNextChange()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        var a = env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        Probe.Nft(env.HostName, "flush", "ruleset");
        var b = env.Engine.CreateSandbox(new SandboxSpec("b") { Networks = ["net0"] });
        var ruleset = Probe.Nft(env.HostName, "list", "ruleset");
        Assert.Contains(a.Endpoints[0].HostInterface, ruleset);
        Assert.Contains(b.Endpoints[0].HostInterface, ruleset);
    }

    /// <summary>Our tables in the test's host namespace, normalised (see <see cref="FirewallKernelTests.Normalized"/>).</summary>
    internal static string NormalizedHost(EngineSandbox env)
    {
        using var nft = Kernel.Nftables.NftablesBackend.OpenIn(f => env.Host.Run(f));
        return FirewallKernelTests.Normalized(nft);
    }
}
