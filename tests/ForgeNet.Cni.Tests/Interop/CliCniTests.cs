using System.Diagnostics;
using System.Text.Json.Nodes;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Cni.Tests.Interop;

/// <summary><c>forge sandbox create NAME --cni CONFLIST</c> and <c>forge sandbox rm</c>, the real binary, reference plugins, a throwaway host.</summary>
public sealed class CliCniTests
{
    private static ToolResult Forge(CniLab lab, params string[] args)
    {
        var binary = Path.Combine(AppContext.BaseDirectory, "forge");
        var info = File.Exists(binary) ? new ProcessStartInfo(binary) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "forge.dll") } };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.Environment["FORGENET_STATE_DIR"] = Path.Join(lab.Directory, "state");
        info.Environment["FORGENET_HOST_NETNS"] = lab.Host.Path;
        info.Environment["FORGENET_NETNS_PREFIX"] = lab.Prefix + "-sb-";
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
            p.Kill(entireProcessTree: true);
        p.WaitForExit();
        return new ToolResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string WriteConflist(CniLab lab, string text)
    {
        var path = Path.Join(lab.Directory, "net.conflist");
        File.WriteAllText(path, text);
        return path;
    }

    [PrivilegedFact]
    public void SandboxCreate_WithCni_AttachesAndRmRunsDel()
    {
        using var lab = new CniLab();
        var conflist = WriteConflist(lab, ReferenceChainTests.ReferenceConflist(lab));
        var sandboxNs = lab.Prefix + "-sb-web";
        try
        {
            var created = Forge(lab, "sandbox", "create", "web", "--cni", conflist, "--cni-path", "/usr/lib/cni");
            Assert.True(created.ExitCode == 0, created.ToString());

            using (var ns = NetNs.OpenNamed(sandboxNs))
            {
                var address = Tool.Ok(ns, "ip", "-4", "-o", "addr", "show", "eth0");
                Assert.Contains(lab.Subnet[..^5], address);
                Tool.Ok(ns, "busybox", "ping", "-c", "1", "-W", "3", lab.Gateway);
            }
            var results = Directory.GetFiles(Path.Join(lab.Directory, "state", "cni", "results"));
            Assert.Single(results);
            Assert.Equal(lab.Prefix, JsonNode.Parse(File.ReadAllText(results[0]))!["networkName"]!.GetValue<string>());
            Assert.Equal(3, lab.Links().Count); // lo, the bridge, the sandbox's host-side veth

            var removed = Forge(lab, "sandbox", "rm", "web");
            Assert.True(removed.ExitCode == 0, removed.ToString());

            Assert.DoesNotContain(sandboxNs, NetNs.ListNamed());
            Assert.Empty(Directory.GetFiles(Path.Join(lab.Directory, "state", "cni", "results")));
            Assert.Empty(Directory.GetFiles(Path.Join(lab.Directory, "state", "cni", "sandboxes")));
            Assert.Equal(new[] { "lo", lab.BridgeName }.Order(StringComparer.Ordinal), lab.Links().Order(StringComparer.Ordinal));
            Assert.DoesNotContain(lab.Subnet[..^5], Tool.Run(lab.Host, "iptables-save").Stdout.Replace($"-s {lab.Subnet}", ""));
        }
        finally
        {
            NetNs.DeleteNamed(sandboxNs);
        }
    }

    [PrivilegedFact]
    public void SandboxCreate_CniTypeIsAPath_RefusedBeforeAnythingIsMade()
    {
        using var lab = new CniLab();
        var conflist = WriteConflist(lab, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"../../bin/sh"}]}""");

        var created = Forge(lab, "sandbox", "create", "web", "--cni", conflist, "--cni-path", "/usr/lib/cni");

        Assert.Equal(2, created.ExitCode);
        Assert.Contains("not a bare executable name", created.Stdout + created.Stderr);
        Assert.DoesNotContain(lab.Prefix + "-sb-web", NetNs.ListNamed());
    }

    [PrivilegedFact]
    public void SandboxCreate_PluginFails_SandboxIsRemovedAgain()
    {
        using var lab = new CniLab();
        // host-local cannot allocate from a range whose only usable address is excluded: ADD fails in the plugin.
        var conflist = WriteConflist(lab, $$$"""
            {"cniVersion":"1.0.0","name":"{{{lab.Prefix}}}","plugins":[
              {"type":"bridge","bridge":"{{{lab.BridgeName}}}","ipam":{"type":"host-local","dataDir":"{{{lab.IpamDirectory}}}",
               "ranges":[[{"subnet":"10.250.0.0/30","rangeStart":"10.250.0.2","rangeEnd":"10.250.0.1"}]]}}]}
            """);

        var created = Forge(lab, "sandbox", "create", "web", "--cni", conflist, "--cni-path", "/usr/lib/cni");

        Assert.True(created.ExitCode == 1, created.ToString());
        Assert.Contains("CNI: ADD bridge:", created.Stdout + created.Stderr);
        Assert.DoesNotContain(lab.Prefix + "-sb-web", NetNs.ListNamed());
        Assert.Contains("lo", lab.Links());
        Assert.DoesNotContain(lab.Links(), l => l.StartsWith("veth", StringComparison.Ordinal));
    }
}
