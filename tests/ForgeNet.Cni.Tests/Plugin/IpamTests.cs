using System.Text.Json.Nodes;
using ForgeNet.Cni.Spec;
using ForgeNet.Core;

namespace ForgeNet.Cni.Tests.Plugin;

/// <summary>forge-ipam: addresses from ForgeNet's store for the reference bridge plugin, and on its own.</summary>
public class IpamTests
{
    private static JsonObject BridgeConfig(CniHost host, string bridge) => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = host.Network,
        ["type"] = "bridge",
        ["bridge"] = bridge,
        ["isGateway"] = true,
        ["ipam"] = new JsonObject
        {
            ["type"] = "forge-ipam",
            ["subnets"] = new JsonArray("10.231.9.0/24"),
            ["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" }),
            ["stateDir"] = host.StateDirectory,
        },
    };

    private static Engine OpenEngine(CniHost host) => Engine.Open(new EngineOptions
    {
        StateDirectory = host.StateDirectory,
        HostNamespacePath = $"/run/netns/{host.HostName}",
        NamespacePrefix = host.Prefix,
    });

    [PrivilegedFact]
    public void ReferenceBridge_WithForgeIpam_AddressesFromTheStoreReleasedOnDel()
    {
        using var host = new CniHost();
        var a = host.NewContainer();
        var b = host.NewContainer();
        var config = BridgeConfig(host, TestNames.Unique("b"));

        var addA = host.RunReference("bridge", "ADD", config, "ctr-a", a);
        var addB = host.RunReference("bridge", "ADD", config, "ctr-b", b);

        Assert.True(addA.ExitCode == 0, addA.ToString());
        Assert.True(addB.ExitCode == 0, addB.ToString());
        var addressA = addA.Json.GetProperty("ips")[0].GetProperty("address").GetString()!;
        var addressB = addB.Json.GetProperty("ips")[0].GetProperty("address").GetString()!;
        Assert.StartsWith("10.231.9.", addressA);
        Assert.NotEqual(addressA, addressB);
        Assert.Contains($"inet {addressA}", CniHost.Exec("ip", "-n", a, "-o", "addr", "show", "eth0"));
        Assert.Contains("default via 10.231.9.1", CniHost.Exec("ip", "-n", a, "route", "show"));
        using (var engine = OpenEngine(host))
        {
            Assert.Equal(addressA, engine.FindLease(host.Network, "ctr-a", "eth0")!.Address4);
            Assert.Equal(2, engine.ListLeases(host.Network).Count);
        }

        var del = host.RunReference("bridge", "DEL", config, "ctr-a", a);
        var delAgain = host.RunReference("bridge", "DEL", config, "ctr-a", a);

        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.True(delAgain.ExitCode == 0, delAgain.ToString());
        using (var engine = OpenEngine(host))
        {
            Assert.Null(engine.FindLease(host.Network, "ctr-a", "eth0"));
            Assert.NotNull(engine.FindLease(host.Network, "ctr-b", "eth0"));
        }
    }

    [PrivilegedFact]
    public void ForgeIpam_AddTwiceCheckGc_LeaseLifecycle()
    {
        using var host = new CniHost();
        var config = BridgeConfig(host, "unused");

        var first = host.Run("ADD", config, "ctr1", "/run/netns/unused");
        var again = host.Run("ADD", config, "ctr1", "/run/netns/unused");
        host.Run("ADD", config, "ctr2", "/run/netns/unused");
        config["prevResult"] = JsonNode.Parse(first.Stdout);
        var check = host.Run("CHECK", config, "ctr1", "/run/netns/unused");
        var gcConfig = BridgeConfig(host, "unused");
        gcConfig["cniVersion"] = "1.1.0";
        gcConfig["cni.dev/valid-attachments"] = new JsonArray(new JsonObject { ["containerID"] = "ctr2", ["ifname"] = "eth0" });
        var gc = host.Run("GC", gcConfig, containerId: null, ifName: null);
        var checkAfterGc = host.Run("CHECK", config, "ctr1", "/run/netns/unused");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.False(first.Json.TryGetProperty("interfaces", out _));
        Assert.Equal("10.231.9.1", first.Json.GetProperty("ips")[0].GetProperty("gateway").GetString());
        Assert.Equal("0.0.0.0/0", first.Json.GetProperty("routes")[0].GetProperty("dst").GetString());
        Assert.Equal(CniErrorCode.AlreadyAttached, again.ErrorCode);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(gc.ExitCode == 0, gc.ToString());
        Assert.Equal(CniErrorCode.CheckFailed, checkAfterGc.ErrorCode);
        using var engine = OpenEngine(host);
        Assert.Equal(["ctr2"], engine.ListLeases(host.Network).Select(l => l.ContainerId));
    }
}
