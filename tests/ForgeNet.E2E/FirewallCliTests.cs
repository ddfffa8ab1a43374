using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.E2E;

/// <summary>Policies through the CLI: --policy, policy show/apply, firewall reload/watch, real traffic, nothing left.</summary>
public sealed class FirewallCliTests
{
    [PrivilegedFact]
    public void PeerOnlyPolicy_NamedPeerReachesPortOthersDenied_ApplyOpensIt()
    {
        using var host = new ForgeHost();
        var port = Random.Shared.Next(20000, 30000);
        var onlyB = WritePolicy(host, "only-b", $"mode: peer-only\ningress:\n  - from: [{{peer: b}}]\n    ports: [{port}/tcp]\n");
        host.Ok("network", "create", "net0", "--ipv6");
        host.Ok("sandbox", "create", "a", "--network", "net0", "--policy", onlyB);
        host.Ok("sandbox", "create", "b", "--network", "net0");
        host.Ok("sandbox", "create", "c", "--network", "net0");
        var a = SandboxTests.Inspect(host, "a");
        using var listener = host.Listen("a", port);

        foreach (var address in new[] { SandboxTests.Address(a, "address4"), SandboxTests.Address(a, "address6") })
        {
            Assert.True(Connect(host, "b", address, port).ExitCode == 0, $"b could not reach a at {address}");
            Assert.True(Connect(host, "c", address, port).ExitCode != 0, $"c reached a at {address} though a's policy names only b");
        }

        var show = host.Ok("policy", "show", "a");
        Assert.Contains("mode: peer-only", show.Stdout);
        Assert.Contains("default deny", show.Stdout);

        var internalPolicy = WritePolicy(host, "internal", "mode: internal\n");
        host.Ok("policy", "apply", "a", internalPolicy);
        Assert.True(Connect(host, "c", SandboxTests.Address(a, "address4"), port).ExitCode == 0, "after apply, c should reach a");
        Assert.Contains("mode: internal", host.Ok("policy", "show", "a").Stdout);
    }

    [PrivilegedFact]
    public void CreateWithBadPolicy_Exit2AndNothingCreated()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        var bad = WritePolicy(host, "bad", "mode: peer-only\ningress:\n  - from: [{peer: b}]\n    ports: [99999/tcp]\n");
        var result = host.Cli.Run("sandbox", "create", "a", "--network", "net0", "--policy", bad);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(":4:", result.Stderr);
        Assert.Empty(host.SandboxNamespaces());
        Assert.Equal("[]", host.Ok("sandbox", "ls", "--json").Stdout.Trim());
    }

    [PrivilegedFact]
    public void FirewallWatch_ForeignFlush_TablesRestoredWithinASecond()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        host.Ok("sandbox", "create", "a", "--network", "net0");
        Assert.Equal(["bridge forgenet", "inet forgenet"], Tables(host));

        using var watch = host.Cli.Start("firewall", "watch");
        Thread.Sleep(1000); // let it subscribe
        Nft(host, "flush ruleset");
        var clock = Stopwatch.StartNew();
        while (Tables(host).Count < 2 && clock.Elapsed < TimeSpan.FromSeconds(3))
            Thread.Sleep(20);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"tables restored after {clock.Elapsed}");
        Assert.Equal(["bridge forgenet", "inet forgenet"], Tables(host));
        watch.Kill();
        watch.WaitForExit();
    }

    [PrivilegedFact]
    public void Teardown_LastNetworkGone_NoForgenetTablesAndReloadIsIdempotent()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        host.Ok("sandbox", "create", "a", "--network", "net0", "--isolation", "internal");
        host.Ok("firewall", "reload");
        host.Ok("firewall", "reload");
        Assert.Equal(["bridge forgenet", "inet forgenet"], Tables(host));
        host.Ok("sandbox", "rm", "a");
        host.Ok("network", "rm", "net0");
        Assert.Empty(Tables(host));
        host.AssertNothingLeft();
    }

    internal static string WritePolicy(ForgeHost host, string name, string yaml)
    {
        var path = Path.Combine(host.StateDirectory, name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static CliResult Connect(ForgeHost host, string from, string address, int port) =>
        host.Cli.Run("sandbox", "exec", from, "--", "timeout", "3", "bash", "-c", $"exec 3<>/dev/tcp/{address}/{port}");

    /// <summary>The tables in the test's throwaway host namespace (nft run there, never against the machine's ruleset).</summary>
    private static List<string> Tables(ForgeHost host) =>
        JsonDocument.Parse(Nft(host, "-j list tables")).RootElement.GetProperty("nftables").EnumerateArray()
            .Where(e => e.TryGetProperty("table", out _))
            .Select(e => $"{e.GetProperty("table").GetProperty("family").GetString()} {e.GetProperty("table").GetProperty("name").GetString()}")
            .Order().ToList();

    private static string Nft(ForgeHost host, string arguments)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in $"netns exec {host.Host.Name} nft {arguments}".Split(' '))
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"nft {arguments}: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
