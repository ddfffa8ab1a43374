using System.Text.Json.Nodes;
using ForgeNet.Cni.Chain;
using ForgeNet.Core;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Cni.Tests.Interop;

/// <summary>
/// forge-cni and forge-ipam chained with Debian's reference plugins, run through our chain runner in a throwaway host
/// namespace: forge-cni followed by portmap, bandwidth, firewall and tuning; the reference bridge with forge-ipam.
/// </summary>
public sealed class ForgeCniChainTests
{
    private const int HostPort = 18082;

    /// <summary>A private-mode policy that lets the network's members talk to each other (and the gateway reach them).</summary>
    internal static string PeerPolicy(CniLab lab) => $$$"""
        {"version":1,"mode":"private","ingress":[{"from":[{"cidr":"{{{lab.Subnet}}}"}]}],"egress":[{"to":[{"cidr":"{{{lab.Subnet}}}"}]}]}
        """;

    internal static string ForgeChain(CniLab lab) => $$$"""
        {"cniVersion":"1.0.0","name":"{{{lab.Prefix}}}","plugins":[
          {"type":"forge-cni","network":"{{{lab.Prefix}}}","subnets":["{{{lab.Subnet}}}"],"stateDir":"{{{lab.StateDirectory}}}",
           "policy":{{{PeerPolicy(lab)}}}},
          {"type":"portmap","capabilities":{"portMappings":true}},
          {"type":"bandwidth","capabilities":{"bandwidth":true}},
          {"type":"firewall","backend":"iptables"},
          {"type":"tuning","mtu":1400,"sysctl":{"net.ipv4.conf.eth0.arp_notify":"1"}}
        ]}
        """;

    [PrivilegedFact]
    public async Task ForgeCniThenReferenceMetaPlugins_AddressPeerPortMappingAndCleanDel()
    {
        using var lab = new CniLab();
        var c1 = lab.Container("c1");
        var c2 = lab.Container("c2");
        var chain = lab.Chain(ForgeChain(lab), lab.ForgePluginDirectory());
        var a1 = ReferenceChainTests.WithPortAndBandwidth(lab.Prefix + "-c1", c1);
        a1 = a1 with { CapabilityArgs = PortOnly(a1, HostPort) };
        var a2 = new CniAttachment(lab.Prefix + "-c2", c2.Path, "eth0");

        var r1 = await chain.AddAsync(a1);
        var r2 = await chain.AddAsync(a2);
        var ips = CniResults.Addresses(r1).Concat(CniResults.Addresses(r2)).Select(p => p.Address.ToString()).ToList();
        try
        {
            Assert.Contains(ips[0] + "/24", Tool.Ok(c1, "ip", "-4", "-o", "addr", "show", "eth0"));
            Assert.Contains("mtu 1400", Tool.Ok(c1, "ip", "-o", "link", "show", "eth0"));
            Assert.Equal("1", c1.ReadSysctl("net.ipv4.conf.eth0.arp_notify"));
            Assert.Contains(lab.Links(), l => l.StartsWith("bwp", StringComparison.Ordinal));
            Tool.Ok(c1, "busybox", "ping", "-c", "1", "-W", "3", ips[1]);
            AssertPublished(lab, c1, HostPort);
            Assert.Equal(2, SandboxesInStore(lab));
        }
        finally
        {
            await chain.DelAsync(a2);
            await chain.DelAsync(a1);
        }

        Assert.Equal(0, SandboxesInStore(lab));
        Assert.Equal(["lo"], lab.Links(c1));
        Assert.Equal(["lo"], lab.Links(c2));
        Assert.DoesNotContain(lab.Links(), l => l.StartsWith("bwp", StringComparison.Ordinal) || l.StartsWith("veth", StringComparison.Ordinal));
        var iptables = Tool.Run(lab.Host, "iptables-save").Stdout;
        foreach (var ip in ips)
            Assert.DoesNotContain(ip + "/32", iptables);
        Assert.DoesNotContain(a1.ContainerId, iptables);
    }

    [PrivilegedFact]
    public async Task ReferenceBridgeWithForgeIpam_AddressPeerAndReleaseOnDel()
    {
        using var lab = new CniLab();
        var c1 = lab.Container("c1");
        var c2 = lab.Container("c2");
        var conflist = $$$"""
            {"cniVersion":"1.0.0","name":"{{{lab.Prefix}}}","plugins":[
              {"type":"bridge","bridge":"{{{lab.BridgeName}}}","isGateway":true,
               "ipam":{"type":"forge-ipam","network":"{{{lab.Prefix}}}","subnets":["{{{lab.Subnet}}}"],"stateDir":"{{{lab.StateDirectory}}}"}}]}
            """;
        var chain = lab.Chain(conflist, lab.ForgePluginDirectory());
        var a1 = new CniAttachment(lab.Prefix + "-c1", c1.Path, "eth0");
        var a2 = new CniAttachment(lab.Prefix + "-c2", c2.Path, "eth0");

        var r1 = await chain.AddAsync(a1);
        var r2 = await chain.AddAsync(a2);
        try
        {
            var ip1 = CniResults.Addresses(r1).Single();
            var ip2 = CniResults.Addresses(r2).Single();
            Assert.NotEqual(ip1.Address, ip2.Address);
            Assert.Equal(lab.Subnet, ip1.Network.ToString());
            Assert.Contains(ip1.ToString(), Tool.Ok(c1, "ip", "-4", "-o", "addr", "show", "eth0"));
            Tool.Ok(c1, "busybox", "ping", "-c", "1", "-W", "3", ip2.Address.ToString());
            Assert.Equal(2, LeasesInStore(lab));
        }
        finally
        {
            await chain.DelAsync(a1);
            await chain.DelAsync(a2);
        }

        Assert.Equal(0, LeasesInStore(lab));
        Assert.Equal(["lo"], lab.Links(c1));
        Assert.DoesNotContain(lab.Links(), l => l.StartsWith("veth", StringComparison.Ordinal));
    }

    internal static void AssertPublished(CniLab lab, NetNs container, int hostPort)
    {
        var www = Path.Join(lab.Directory, "www");
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Join(www, "index.html"), "hello from " + lab.Prefix);
        var server = Tool.Start(container, "busybox", "httpd", "-f", "-p", "80", "-h", www);
        try
        {
            ToolResult? got = null;
            for (var i = 0; i < 50 && got?.ExitCode != 0; i++)
            {
                got = Tool.Run(lab.Host, "busybox", "wget", "-O", "-", $"http://{lab.Gateway}:{hostPort}/index.html");
                if (got.ExitCode != 0)
                    Thread.Sleep(100);
            }
            Assert.True(got!.ExitCode == 0, $"the published port did not answer: {got}");
            Assert.Equal("hello from " + lab.Prefix, got.Stdout.Trim());
        }
        finally
        {
            Tool.Stop(server);
        }
    }

    private static Dictionary<string, JsonNode?> PortOnly(CniAttachment a, int hostPort) => new()
    {
        ["portMappings"] = new JsonArray(new JsonObject { ["hostPort"] = hostPort, ["containerPort"] = 80, ["protocol"] = "tcp" }),
        ["bandwidth"] = a.CapabilityArgs["bandwidth"]!.DeepClone(),
    };

    /// <summary>The addresses forge-ipam leased from the lab's pool (named after the network).</summary>
    private static int LeasesInStore(CniLab lab)
    {
        using var engine = Engine.Open(new EngineOptions { StateDirectory = lab.StateDirectory, HostNamespacePath = lab.Host.Path });
        return engine.ListLeases(lab.Prefix).Count;
    }

    /// <summary>The sandboxes forge-cni/forge-ipam recorded in the lab's store (the same store `forge sandbox ls` reads).</summary>
    private static int SandboxesInStore(CniLab lab)
    {
        using var engine = Engine.Open(new EngineOptions { StateDirectory = lab.StateDirectory, HostNamespacePath = lab.Host.Path });
        return engine.ListSandboxes().Count;
    }
}
