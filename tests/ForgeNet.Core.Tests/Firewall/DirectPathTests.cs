using System.Reflection;
using ForgeNet.Core.Model;
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

    internal static NftablesBackend Backend(ForgeNet.Core.Engine engine)
    {
        var firewall = typeof(ForgeNet.Core.Engine).GetField("_firewall", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine)!;
        return (NftablesBackend)firewall.GetType().GetProperty("Backend")!.GetValue(firewall)!;
    }
}
