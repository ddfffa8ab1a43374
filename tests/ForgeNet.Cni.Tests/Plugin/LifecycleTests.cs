using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ForgeNet.Cni.Spec;
using ForgeNet.Core;

namespace ForgeNet.Cni.Tests.Plugin;

/// <summary>ADD, DEL, CHECK, GC and STATUS of the real forge-cni process, in throwaway namespaces.</summary>
public class LifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [PrivilegedTheory]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Add_EachCniVersion_ResultInItsShape(string version)
    {
        using var host = new CniHost();
        var container = host.NewContainer();

        var result = host.Add(host.Config(version), "ctr1", container).Json;

        Assert.Equal(version, result.GetProperty("cniVersion").GetString());
        var interfaces = result.GetProperty("interfaces").EnumerateArray().ToList();
        var inside = interfaces[2];
        Assert.Equal("eth0", inside.GetProperty("name").GetString());
        Assert.Equal($"/run/netns/{container}", inside.GetProperty("sandbox").GetString());
        Assert.Equal(version == "1.1.0", inside.TryGetProperty("mtu", out _));
        var ip = Assert.Single(result.GetProperty("ips").EnumerateArray());
        Assert.Equal(CniVersion.HasIpVersion(version), ip.TryGetProperty("version", out var v) && v.GetString() == "4");
        Assert.Equal(2, ip.GetProperty("interface").GetInt32());
        Assert.Equal("10.231.7.1", ip.GetProperty("gateway").GetString());
        var address = ip.GetProperty("address").GetString()!;
        Assert.StartsWith("10.231.7.", address);
        Assert.Contains($"inet {address}", CniHost.Exec("ip", "-n", container, "-o", "addr", "show", "eth0"));
        Assert.Contains(inside.GetProperty("mac").GetString()!, CniHost.Exec("ip", "-n", container, "-o", "link", "show", "eth0"));
        Assert.Equal("0.0.0.0/0", result.GetProperty("routes")[0].GetProperty("dst").GetString());
    }

    [PrivilegedFact]
    public void Add_Container_VisibleToForgeAsSandboxAndNetwork()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        host.Add(host.Config(), "0123456789abcdef0123", container);

        using var engine = Engine.Open(new EngineOptions { StateDirectory = host.StateDirectory, HostNamespacePath = $"/run/netns/{host.HostName}", NamespacePrefix = host.Prefix });

        var sandbox = Assert.Single(engine.ListSandboxes());
        Assert.Matches("^0123456789ab-[0-9a-f]{6}-eth0$", sandbox.Name);
        Assert.Equal("0123456789abcdef0123", sandbox.ContainerId);
        Assert.True(sandbox.ExternalNamespace);
        Assert.Equal(1, engine.InspectNetwork(host.Network).EndpointCount);
        Assert.Equal("10.231.7.0/24", engine.InspectNetwork(host.Network).Subnet4);
    }

    [PrivilegedFact]
    public void Add_ParallelOnAFreshNetwork_AllAttachedDistinctAddresses()
    {
        using var host = new CniHost();
        var containers = Enumerable.Range(0, 4).Select(_ => host.NewContainer()).ToList();

        var runs = containers.AsParallel().WithDegreeOfParallelism(4)
            .Select((c, i) => host.Run("ADD", host.Config(), $"ctr{i}", c)).ToList();

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        var addresses = runs.Select(r => r.Json.GetProperty("ips")[0].GetProperty("address").GetString()).ToList();
        Assert.Equal(4, addresses.Distinct().Count());
        Assert.Equal(4, host.HostVeths().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Single(CniHost.Exec("ip", "-n", host.HostName, "-o", "link", "show", "type", "bridge").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [PrivilegedFact]
    public void Add_Twice_AlreadyAttachedAndFirstKept()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        var first = host.Add(host.Config(), "ctr1", container);

        var again = host.Run("ADD", host.Config(), "ctr1", container);

        Assert.Equal(CniErrorCode.AlreadyAttached, again.ErrorCode);
        Assert.Contains("ADD twice without DEL", again.Stdout);
        var address = first.Json.GetProperty("ips")[0].GetProperty("address").GetString()!;
        Assert.Contains(address, CniHost.Exec("ip", "-n", container, "-o", "addr", "show", "eth0"));
    }

    [PrivilegedFact]
    public void Del_Twice_SucceedsLeavesNamespaceRemovesVeth()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        host.Add(host.Config(), "ctr1", container);

        var first = host.Run("DEL", host.Config(), "ctr1", container);
        var second = host.Run("DEL", host.Config(), "ctr1", container);

        Assert.True(first.ExitCode == 0 && first.Stdout.Length == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains(container, CniHost.Exec("ip", "netns", "list"));
        Assert.DoesNotContain("eth0", CniHost.Exec("ip", "-n", container, "-o", "link", "show"));
        Assert.Equal("", host.HostVeths().Trim());
        // The address is free again: a new container gets an ADD.
        host.Add(host.Config(), "ctr2", host.NewContainer());
    }

    [PrivilegedFact]
    public void Del_AfterNamespaceGoneAndWithoutNetns_Succeeds()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        host.Add(host.Config(), "ctr1", container);
        CniHost.Exec("ip", "netns", "delete", container);

        var run = host.Run("DEL", host.Config(), "ctr1", netns: null);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(SpinWait.SpinUntil(() => host.HostVeths().Trim().Length == 0, Timeout), host.HostVeths());
        Assert.Equal(0, host.Run("DEL", host.Config(), "ctr-never-added", container).ExitCode);
    }

    [PrivilegedFact]
    public void Check_IntactThenAddressRemoved_PassesThenFails()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        var add = host.Add(host.Config(), "ctr1", container);
        var config = host.Config();
        config["prevResult"] = JsonNode.Parse(add.Stdout);

        var intact = host.Run("CHECK", config, "ctr1", container);
        var address = add.Json.GetProperty("ips")[0].GetProperty("address").GetString()!;
        CniHost.Exec("ip", "-n", container, "addr", "del", address, "dev", "eth0");
        var damaged = host.Run("CHECK", config, "ctr1", container);

        Assert.True(intact.ExitCode == 0 && intact.Stdout.Length == 0, intact.ToString());
        Assert.Equal(CniErrorCode.CheckFailed, damaged.ErrorCode);
        Assert.Contains($"address {address} is missing on eth0", damaged.Json.GetProperty("details").GetString());
    }

    [PrivilegedFact]
    public void Check_WithoutPrevResult_InvalidNetworkConfig()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        host.Add(host.Config(), "ctr1", container);

        Assert.Equal(CniErrorCode.InvalidNetworkConfig, host.Run("CHECK", host.Config(), "ctr1", container).ErrorCode);
    }

    [PrivilegedFact]
    public void Gc_ValidAttachments_ReleasesOnlyTheOthers()
    {
        using var host = new CniHost();
        var kept = host.NewContainer();
        var stale = host.NewContainer();
        host.Add(host.Config(), "keep", kept);
        host.Add(host.Config(), "stale", stale);
        var config = host.Config();
        config["cni.dev/valid-attachments"] = new JsonArray(new JsonObject { ["containerID"] = "keep", ["ifname"] = "eth0" });

        var run = host.Run("GC", config, containerId: null, ifName: null);

        Assert.True(run.ExitCode == 0 && run.Stdout.Length == 0, run.ToString());
        Assert.Contains("eth0", CniHost.Exec("ip", "-n", kept, "-o", "link", "show"));
        Assert.DoesNotContain("eth0", CniHost.Exec("ip", "-n", stale, "-o", "link", "show"));
        Assert.Single(host.HostVeths().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [PrivilegedFact]
    public void Status_StateReadable_Ready()
    {
        using var host = new CniHost();

        var ready = host.Run("STATUS", host.Config(), containerId: null, ifName: null, path: null);
        var config = host.Config();
        config["stateDir"] = "/proc/forgenet-cannot-be-here";
        var unavailable = host.Run("STATUS", config, containerId: null, ifName: null, path: null);

        Assert.True(ready.ExitCode == 0 && ready.Stdout.Length == 0, ready.ToString());
        Assert.Equal(CniErrorCode.PluginNotAvailable, unavailable.ErrorCode);
    }

    [PrivilegedFact]
    public void Add_TwoContainers_TrafficBetweenThem()
    {
        using var host = new CniHost();
        var a = host.NewContainer();
        var b = host.NewContainer();
        host.Add(host.Config(), "ctr-a", a);
        var addressB = host.Add(host.Config(), "ctr-b", b).Json.GetProperty("ips")[0].GetProperty("address").GetString()!;

        Assert.True(Traffic.Reaches(a, b, IPAddress.Parse(addressB.Split('/')[0]), Timeout));
    }

    [PrivilegedFact]
    public void Add_Chained_PrevResultKeptFirstAndIndexesShifted()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        var config = host.Config("1.0.0");
        config["prevResult"] = JsonNode.Parse("""
            {"cniVersion": "1.0.0", "interfaces": [{"name": "dummy0", "sandbox": "/run/netns/x"}],
             "ips": [{"address": "192.0.2.5/24", "interface": 0}], "dns": {"nameservers": ["192.0.2.53"]}}
            """);

        var result = host.Add(config, "ctr1", container).Json;

        var names = result.GetProperty("interfaces").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal("dummy0", names[0]);
        Assert.Equal("eth0", names[3]);
        var ips = result.GetProperty("ips").EnumerateArray().ToList();
        Assert.Equal("192.0.2.5/24", ips[0].GetProperty("address").GetString());
        Assert.Equal(3, ips[1].GetProperty("interface").GetInt32());
        Assert.Equal("192.0.2.53", result.GetProperty("dns").GetProperty("nameservers")[0].GetString());
    }

    [PrivilegedFact]
    public void Add_Capabilities_MacIpsDnsPortsApplied()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        var config = host.Config();
        config["policy"] = new JsonObject { ["mode"] = "private" };
        config["runtimeConfig"] = JsonNode.Parse("""
            {"mac": "02:12:34:56:78:9a", "ips": ["10.231.7.77/24"],
             "dns": {"servers": ["10.231.7.1"], "searches": ["example.test"], "options": ["ndots:2"]},
             "portMappings": [{"hostPort": 18080, "containerPort": 80, "protocol": "tcp"}]}
            """);

        var result = host.Add(config, "ctr1", container).Json;

        Assert.Equal("02:12:34:56:78:9a", result.GetProperty("interfaces")[2].GetProperty("mac").GetString());
        Assert.Equal("10.231.7.77/24", result.GetProperty("ips")[0].GetProperty("address").GetString());
        var dns = result.GetProperty("dns");
        Assert.Equal("10.231.7.1", dns.GetProperty("nameservers")[0].GetString());
        Assert.Equal("example.test", dns.GetProperty("search")[0].GetString());
        Assert.Equal("ndots:2", dns.GetProperty("options")[0].GetString());
        using var engine = Engine.Open(new EngineOptions { StateDirectory = host.StateDirectory, HostNamespacePath = $"/run/netns/{host.HostName}", NamespacePrefix = host.Prefix });
        var policy = engine.ListSandboxes().Single().PolicyYaml!;
        Assert.Contains("mode: private", policy);
        Assert.Contains("18080:80/tcp", policy);
    }

    [PrivilegedFact]
    public void Add_BandwidthCapability_EnforcedOrRefusedClearly()
    {
        using var host = new CniHost();
        var container = host.NewContainer();
        var config = host.Config();
        config["runtimeConfig"] = JsonNode.Parse("""{"bandwidth": {"ingressRate": 10000000, "ingressBurst": 200000, "egressRate": 10000000, "egressBurst": 200000}}""");

        var run = host.Run("ADD", config, "ctr1", container);

        // Refused (code 2) until the engine enforces limits.bandwidth; then applied and in the policy.
        if (run.ExitCode != 0)
        {
            Assert.Equal(CniErrorCode.UnsupportedField, run.ErrorCode);
            Assert.Contains("limits.bandwidth", run.Stdout);
            Assert.Equal("", host.HostVeths().Trim());
            return;
        }
        using var engine = Engine.Open(new EngineOptions { StateDirectory = host.StateDirectory, HostNamespacePath = $"/run/netns/{host.HostName}", NamespacePrefix = host.Prefix });
        Assert.Contains("bandwidth", engine.ListSandboxes().Single().PolicyYaml!);
    }
}
