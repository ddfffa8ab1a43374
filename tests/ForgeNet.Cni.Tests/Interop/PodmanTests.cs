using System.Text.Json.Nodes;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Cni.Tests.Interop;

/// <summary>
/// A real CNI client: podman 4.3 with the CNI backend runs containers on a network whose conflist we wrote, inside a
/// throwaway host namespace (podman's own container namespaces appear in /run/netns as netns-UUID: podman names them,
/// and the test checks it removes them). Slow by nature (~5-10 s); kept under a minute.
/// </summary>
public sealed class PodmanTests
{
    private const int HostPort = 18081;

    [PrivilegedFact]
    public void Podman_ReferenceBridgeNetwork_AddressPeerPublishedPortAndCleanRm()
    {
        using var lab = new CniLab();
        var conflist = $$$"""
            {"cniVersion":"1.0.0","name":"{{{lab.Prefix}}}","plugins":[
              {"type":"bridge","bridge":"{{{lab.BridgeName}}}","isGateway":true,"ipMasq":true,"hairpinMode":true,
               "ipam":{"type":"host-local","dataDir":"{{{lab.IpamDirectory}}}","ranges":[[{"subnet":"{{{lab.Subnet}}}"}]],"routes":[{"dst":"0.0.0.0/0"}]}},
              {"type":"portmap","capabilities":{"portMappings":true}},
              {"type":"firewall","backend":"iptables"},
              {"type":"tuning"}]}
            """;
        RunScenario(lab, "/usr/lib/cni", conflist);
    }

    [PrivilegedFact]
    public void Podman_ForgeCniNetwork_AddressPeerPublishedPortAndCleanRm()
    {
        using var lab = new CniLab();
        var conflist = $$$"""
            {"cniVersion":"1.0.0","name":"{{{lab.Prefix}}}","plugins":[
              {"type":"forge-cni","network":"{{{lab.Prefix}}}","subnets":["{{{lab.Subnet}}}"],"stateDir":"{{{lab.StateDirectory}}}",
               "capabilities":{"portMappings":true},"policy":{{{ForgeCniChainTests.PeerPolicy(lab)}}}}]}
            """;
        RunScenario(lab, lab.ForgePluginDirectory(), conflist);

        using var engine = ForgeNet.Core.Engine.Open(new ForgeNet.Core.EngineOptions { StateDirectory = lab.StateDirectory, HostNamespacePath = lab.Host.Path });
        Assert.Empty(engine.ListSandboxes()); // podman rm ran DEL: forge-cni released the sandbox
    }

    internal static void RunScenario(CniLab lab, string pluginDirectory, string conflist)
    {
        var podmanNamespacesBefore = PodmanNamespaces();
        using (var podman = new Podman(lab, pluginDirectory))
        {
            File.WriteAllText(Path.Join(podman.NetworkConfigDirectory, lab.Prefix + ".conflist"), conflist);
            var server = lab.Prefix + "-web";
            podman.Ok("run", "-d", "--name", server, "--network", lab.Prefix, "-p", $"{HostPort}:80",
                Podman.Image, "/bin/busybox", "httpd", "-f", "-p", "80", "-h", "/www");

            var inspect = JsonNode.Parse(podman.Ok("inspect", server))!.AsArray()[0]!;
            var address = inspect["NetworkSettings"]!["Networks"]![lab.Prefix]!["IPAddress"]!.GetValue<string>();
            Assert.True(address.StartsWith(lab.Subnet[..^4], StringComparison.Ordinal), inspect["State"]!.ToJsonString());

            // A peer container on the same network reaches the server directly.
            var peer = podman.Ok("run", "--rm", "--network", lab.Prefix, Podman.Image, "/bin/busybox", "wget", "-O", "-", $"http://{address}/index.html");
            Assert.Equal("hello from podman " + lab.Prefix, peer);

            // The published port answers on the host side.
            ToolResult? got = null;
            for (var i = 0; i < 30 && got?.ExitCode != 0; i++)
            {
                got = Tool.Run(lab.Host, "busybox", "wget", "-O", "-", $"http://{lab.Gateway}:{HostPort}/index.html");
                if (got.ExitCode != 0)
                    Thread.Sleep(100);
            }
            Assert.True(got!.ExitCode == 0, $"published port: {got}");
            Assert.Equal("hello from podman " + lab.Prefix, got.Stdout.Trim());

            podman.Ok("rm", "-f", "-t", "0", server);
            Assert.Equal("", podman.Ok("ps", "-a", "-q"));
            // ForgeNet's firewall keeps connection records in dynamic sets (flows4, pairs4: "expires …") that age out
            // by themselves; they are not rules. Everything else must be gone.
            var rules = string.Join('\n', lab.Ruleset().Split('\n').Where(l => !l.Contains(" expires ", StringComparison.Ordinal)));
            Assert.DoesNotContain(address + "/32", rules);
            Assert.True(!rules.Contains(address + " ", StringComparison.Ordinal), $"{address} is still in the host's rules:\n{rules}");
        }
        // The network's bridge stays (both plugins keep it for the next container); no container's link may.
        Assert.DoesNotContain(lab.Links(), l => l.StartsWith("veth", StringComparison.Ordinal) || l.StartsWith("fv", StringComparison.Ordinal));
        Assert.Equal(podmanNamespacesBefore, PodmanNamespaces());
    }

    /// <summary>The namespaces podman's CNI backend names netns-UUID under /run/netns.</summary>
    private static IReadOnlyList<string> PodmanNamespaces() =>
        NetNs.ListNamed().Where(n => n.StartsWith("netns-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
}
