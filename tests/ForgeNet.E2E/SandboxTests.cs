using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.E2E;

/// <summary>Sandboxes on networks through the CLI: reachability, isolation between networks, rm, exec.</summary>
public sealed class SandboxTests
{
    [PrivilegedFact]
    public void Peers_SameNetwork_ReachEachOtherOverTcpV4AndV6()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0", "--ipv6");
        host.Ok("sandbox", "create", "a", "--network", "net0");
        host.Ok("sandbox", "create", "b", "--network", "net0");
        var a = Inspect(host, "a");

        using var listener = host.Listen("a");
        foreach (var address in new[] { Address(a, "address4"), $"[{Address(a, "address6")}]" })
        {
            var target = address.Trim('[', ']');
            var accept = listener.AcceptTcpClientAsync();
            var send = host.Cli.Run("sandbox", "exec", "b", "--", "bash", "-c", $"echo hello >/dev/tcp/{target}/{Port(listener)}");
            Assert.True(send.ExitCode == 0, send.ToString());
            using var client = accept.Result;
            using var reader = new StreamReader(client.GetStream());
            Assert.Equal("hello", reader.ReadLine());
        }
    }

    [PrivilegedFact]
    public void Peers_DifferentNetworks_CannotReachEachOther()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0", "--ipv6");
        host.Ok("network", "create", "net1", "--ipv6");
        host.Ok("sandbox", "create", "a", "--network", "net0");
        host.Ok("sandbox", "create", "c", "--network", "net1");
        var a = Inspect(host, "a");
        using var listener = host.Listen("a");
        foreach (var target in new[] { Address(a, "address4"), Address(a, "address6") })
        {
            var result = host.Cli.Run("sandbox", "exec", "c", "--", "timeout", "3", "bash", "-c", $"exec 3<>/dev/tcp/{target}/{Port(listener)}");
            Assert.True(result.ExitCode != 0, $"net1 reached {target} on net0:\n{result}");
        }
        Assert.False(listener.Pending());
    }

    [PrivilegedFact]
    public void Remove_ProcessRunning_RefusesNamingItThenForceRemoves()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        host.Ok("sandbox", "create", "busy", "--network", "net0");
        using var sleeper = host.Cli.Start("sandbox", "exec", "busy", "--", "sleep", "60");
        WaitForProcess(host, "busy");

        var refused = host.Cli.Run("sandbox", "rm", "busy");
        Assert.True(refused.ExitCode == 4, refused.ToString());
        Assert.Contains("sleep", refused.Stderr);
        Assert.Single(host.SandboxNamespaces());

        host.Ok("sandbox", "rm", "--force", "busy");
        var exec = ForgeCli.Wait(sleeper, TimeSpan.FromSeconds(30));
        Assert.Equal(137, exec.ExitCode); // the exec'd sleep was SIGKILLed by rm --force
        host.AssertNothingLeft();
        host.Ok("network", "rm", "net0");
    }

    [PrivilegedFact]
    public void Remove_Sandbox_LeavesNoLinkNamespaceOrAddress()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0", "--subnet", "10.202.0.0/29");
        host.Ok("sandbox", "create", "one", "--network", "net0", "--ip", "10.202.0.6");
        Assert.Single(host.HostVeths());
        host.Ok("sandbox", "rm", "one");
        host.AssertNothingLeft();
        // The address is free again: a new sandbox can take it.
        var again = JsonDocument.Parse(host.Ok("sandbox", "create", "two", "--network", "net0", "--ip", "10.202.0.6", "--json").Stdout);
        Assert.Equal("10.202.0.6/29", again.RootElement.GetProperty("endpoints")[0].GetProperty("address4").GetString());
        Assert.Equal(1, JsonDocument.Parse(host.Ok("network", "inspect", "net0", "--json").Stdout).RootElement.GetProperty("endpointCount").GetInt32());
    }

    [PrivilegedFact]
    public void Exec_InSandbox_SeesItsInterfacesAndPropagatesExitCode()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0", "--subnet", "10.203.0.0/24");
        host.Ok("sandbox", "create", "s", "--network", "net0", "--ip", "10.203.0.77");
        var addresses = host.Ok("sandbox", "exec", "s", "--", "ip", "-o", "-4", "addr", "show", "dev", "eth0");
        Assert.Contains("10.203.0.77/24", addresses.Stdout);
        Assert.Equal(7, host.Cli.Run("sandbox", "exec", "s", "--", "sh", "-c", "exit 7").ExitCode);
        Assert.Equal(127, host.Cli.Run("sandbox", "exec", "s", "--", "no-such-command-fnt").ExitCode);
    }

    internal static JsonElement Inspect(ForgeHost host, string sandbox) =>
        JsonDocument.Parse(host.Ok("sandbox", "inspect", sandbox, "--json").Stdout).RootElement;

    /// <summary>The address (without prefix length) of a sandbox's first endpoint.</summary>
    internal static string Address(JsonElement sandbox, string property) =>
        sandbox.GetProperty("endpoints")[0].GetProperty(property).GetString()!.Split('/')[0];

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    private static void WaitForProcess(ForgeHost host, string sandbox)
    {
        var clock = Stopwatch.StartNew();
        while (ForgeHost.PidsIn(host.NamespaceOf(sandbox)).Count == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "exec did not start");
            Thread.Sleep(50);
        }
    }
}
