using System.Net;
using System.Net.Sockets;
using System.Text;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.E2E;

/// <summary>
/// Mode host through the CLI, with FORGENET_HOST_NETNS naming the test's throwaway "host": commands run in it, see its
/// links and reach its addresses; rm and gc leave it and its links as they were.
/// </summary>
public sealed class HostModeCliTests
{
    private const string Address = "10.238.0.1";
    private const string Note = "mode host: no isolation, nothing enforced";

    [PrivilegedFact]
    public void Run_HostPolicy_CommandInHostNamespaceReachesItsAddressNothingLeft()
    {
        using var host = new ForgeHost();
        var link = AddHostLink(host);
        var policy = FirewallCliTests.WritePolicy(host, "host", "mode: host\n");

        var links = host.Ok("run", "--policy", policy, "--", "ip", "-o", "link", "show");
        Assert.Contains(link, links.Stdout);
        Assert.Contains(Note, links.Stderr);

        using var listener = host.Host.Run(() =>
        {
            var l = new TcpListener(IPAddress.Parse(Address), 0);
            l.Start();
            return l;
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptSocketAsync();
        var send = host.Cli.Run("run", "--policy", policy, "--", "timeout", "5", "bash", "-c", $"echo ping >/dev/tcp/{Address}/{port}");
        Assert.True(send.ExitCode == 0, send.ToString());
        Assert.True(accept.Wait(TimeSpan.FromSeconds(5)));
        using var server = accept.Result;
        var buffer = new byte[4];
        var received = 0;
        while (received < 4 && server.Receive(buffer, received, 4 - received, SocketFlags.None) is > 0 and var n)
            received += n;
        Assert.Equal("ping", Encoding.ASCII.GetString(buffer, 0, received));

        host.AssertNothingLeft();
        Assert.Contains(host.Prefix + "-host", NetNs.ListNamed());
        Assert.Contains(link, Ip("-n", host.Prefix + "-host", "-o", "link", "show"));
    }

    [PrivilegedFact]
    public void SandboxIsolationHost_ExecShowApplyRm_HostUntouched()
    {
        using var host = new ForgeHost();
        var link = AddHostLink(host);
        var created = host.Ok("sandbox", "create", "h", "--isolation", "host");
        Assert.Contains(Note, created.Stderr);
        Assert.Contains("\"isolation\":\"host\"", host.Ok("sandbox", "inspect", "h", "--json").Stdout.Replace(" ", "", StringComparison.Ordinal));

        Assert.Contains(link, host.Ok("sandbox", "exec", "h", "--", "ip", "-o", "link", "show").Stdout);
        var show = host.Ok("policy", "show", "h");
        Assert.Contains("mode: host", show.Stdout);
        Assert.Contains("# " + Note, show.Stdout);

        host.Ok("network", "create", "net0");
        var internalPolicy = FirewallCliTests.WritePolicy(host, "internal", "mode: internal\n");
        var apply = host.Cli.Run("policy", "apply", "h", internalPolicy);
        Assert.True(apply.ExitCode == 2, apply.ToString());
        Assert.Contains("out of mode host", apply.Stderr);

        host.Ok("sandbox", "rm", "h");
        host.Ok("gc");
        host.AssertNothingLeft();
        Assert.Contains(host.Prefix + "-host", NetNs.ListNamed());
        Assert.Contains(link, Ip("-n", host.Prefix + "-host", "-o", "link", "show"));
    }

    [PrivilegedFact]
    public void CreateHostPolicyWithNetwork_Exit2NothingCreated()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        var policy = FirewallCliTests.WritePolicy(host, "host", "mode: host\n");
        var result = host.Cli.Run("sandbox", "create", "a", "--network", "net0", "--policy", policy);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("mode host uses the host's own network: it allows no networks", result.Stderr);
        Assert.Empty(host.SandboxNamespaces());
        Assert.Equal("[]", host.Ok("sandbox", "ls", "--json").Stdout.Trim());
    }

    [PrivilegedFact]
    public void CreateIsolationHostWithCni_RefusedBeforeAnyPluginRuns()
    {
        using var host = new ForgeHost();
        var result = host.Cli.Run("sandbox", "create", "a", "--isolation", "host", "--cni", Path.Combine(host.StateDirectory, "none.conflist"));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--cni and mode host exclude each other", result.Stderr);
        Assert.Equal("[]", host.Ok("sandbox", "ls", "--json").Stdout.Trim());
    }

    /// <summary>A veth pair in the throwaway host with <see cref="Address"/>, lo up (local delivery goes through it); returns its name.</summary>
    private static string AddHostLink(ForgeHost host)
    {
        var ns = host.Prefix + "-host";
        var name = TestNames.Unique();
        Ip("-n", ns, "link", "set", "lo", "up");
        Ip("-n", ns, "link", "add", name, "type", "veth", "peer", "name", name + "p");
        Ip("-n", ns, "address", "add", Address + "/24", "dev", name);
        Ip("-n", ns, "link", "set", name, "up");
        Ip("-n", ns, "link", "set", name + "p", "up");
        return name;
    }

    private static string Ip(params string[] arguments)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"ip {string.Join(' ', arguments)}: {error}");
    }
}
