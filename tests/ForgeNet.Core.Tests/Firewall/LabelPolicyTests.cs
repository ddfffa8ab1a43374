using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.PeerPolicyTests;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Peers selected by labels, through the engine, with real traffic in a throwaway host namespace.</summary>
public class LabelPolicyTests
{
    private const string DbPolicy = """
        version: 1
        mode: peer-only
        ingress:
          - from: [{labels: {app: web, tier: front}}]
            ports: [5432/tcp]
        """;

    private static SandboxSpec Labelled(string name, params (string Key, string Value)[] labels) =>
        new(name) { Networks = ["net0"], Labels = labels.ToDictionary(l => l.Key, l => l.Value) };

    [PrivilegedFact]
    public void LabelSelector_SandboxesCarryingAllLabels_PassOthersDropped()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Ipv6 = true });
        env.Engine.CreateSandbox(Labelled("early", ("app", "web"), ("tier", "front"), ("extra", "x")));
        var db = env.Engine.CreateSandbox(new SandboxSpec("db") { Networks = ["net0"], Policy = FirewallSamples.Parse(DbPolicy) });
        env.Engine.CreateSandbox(Labelled("late", ("tier", "front"), ("app", "web")));
        env.Engine.CreateSandbox(Labelled("half", ("app", "web")));
        env.Engine.CreateSandbox(Labelled("wrong", ("app", "web"), ("tier", "back")));
        using var nsDb = env.OpenSandbox("db");
        using var listener = Listen(nsDb, IPAddress.IPv6Any, 5432);

        using (var early = env.OpenSandbox("early"))
        {
            Assert.True(Tcp(early, listener, V4(db)), "early (both labels, made before db) -> db (IPv4)");
            Assert.True(Tcp(early, listener, V6(db)), "early -> db (IPv6)");
        }
        using (var late = env.OpenSandbox("late"))
            Assert.True(Tcp(late, listener, V4(db)), "late (both labels, made after db) -> db");
        using (var half = env.OpenSandbox("half"))
            Assert.False(Tcp(half, listener, V4(db), timeout: Denied), "half (one of the two labels) -> db");
        using (var wrong = env.OpenSandbox("wrong"))
            Assert.False(Tcp(wrong, listener, V4(db), timeout: Denied), "wrong (tier=back) -> db");

        env.Engine.RemoveSandbox("late", force: false);
        env.Engine.CreateSandbox(Labelled("late", ("app", "web")));
        using (var relabelled = env.OpenSandbox("late"))
            Assert.False(Tcp(relabelled, listener, V4(db), timeout: Denied), "a new 'late' without tier=front -> db");
    }

    [PrivilegedFact]
    public void CreateSandbox_Labels_StoredAndShown()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(Labelled("s1", ("app", "web"), ("example.com/tier", "front")));

        var info = env.Engine.InspectSandbox("s1");
        Assert.Equal("web", info.Labels["app"]);
        Assert.Equal("front", info.Labels["example.com/tier"]);
        Assert.Equal(2, info.Labels.Count);
    }

    [PrivilegedTheory]
    [InlineData("-bad", "v")]
    [InlineData("app", "has space")]
    [InlineData("app", "-x")]
    public void CreateSandbox_InvalidLabel_RefusedBeforeAnything(string key, string value)
    {
        using var env = new EngineSandbox();
        var error = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(new SandboxSpec("s1") { Labels = new Dictionary<string, string> { [key] = value } }));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("label", error.Message, StringComparison.Ordinal);
        Assert.Empty(env.Engine.ListSandboxes());
    }
}
