using System.Diagnostics;
using System.Text.Json;

namespace ForgeNet.E2E;

/// <summary>Bad input, injected faults, crashes mid-setup and concurrency: nothing lost, nothing left behind.</summary>
public sealed class FailureTests
{
    [PrivilegedTheory]
    [InlineData("store")]
    [InlineData("netns")]
    [InlineData("veth:net0")]
    [InlineData("address:net0")]
    [InlineData("route:net0")]
    [InlineData("bandwidth")]
    [InlineData("ready")]
    public void Create_FaultInjectedAtStep_LeavesNothing(string step)
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0", "--ipv6");
        var result = host.Cli.Run(["sandbox", "create", "s", "--network", "net0"], new Dictionary<string, string> { ["FORGENET_FAULT_AT"] = step });
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"injected fault at {step}", result.Stderr);
        host.AssertNothingLeft();
        host.Ok("sandbox", "create", "s", "--network", "net0"); // and the name is usable at once
    }

    [PrivilegedTheory]
    [InlineData("netns")]
    [InlineData("veth:net0")]
    [InlineData("route:net0")]
    public void Create_CrashAtStep_GcRemovesWhatWasLeft(string step)
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        var crashed = host.Cli.Run(["sandbox", "create", "s", "--network", "net0"], new Dictionary<string, string> { ["FORGENET_CRASH_AT"] = step });
        Assert.True(crashed.ExitCode is 137 or -9 or 134, crashed.ToString());
        host.Ok("gc");
        host.AssertNothingLeft();
        host.Ok("sandbox", "create", "s", "--network", "net0");
    }

    [PrivilegedFact]
    public void BadInput_OneLineErrorWithDocumentedExitCode_AndNoChange()
    {
        using var host = new ForgeHost();
        AssertFails(host, 2, "invalid IPv4 subnet", "network", "create", "net0", "--subnet", "10.0.0.300/24");
        AssertFails(host, 2, "name", "network", "create", "bad/name");
        host.Ok("network", "create", "net0", "--subnet", "10.204.0.0/24");
        AssertFails(host, 4, "exists", "network", "create", "net0");
        AssertFails(host, 3, "not found", "sandbox", "inspect", "nope");
        AssertFails(host, 3, "not found", "sandbox", "create", "s", "--network", "nonet");
        AssertFails(host, 2, "isolation", "sandbox", "create", "s", "--isolation", "bogus");
        AssertFails(host, 2, "10.9.9.9", "sandbox", "create", "s", "--network", "net0", "--ip", "10.9.9.9");
        AssertFails(host, 2, "", "sandbox", "create");
        Assert.Empty(host.SandboxNamespaces());
        Assert.Equal("[]", host.Ok("sandbox", "ls", "--json").Stdout.Trim());

        var json = host.Cli.Run("sandbox", "inspect", "nope", "--json");
        var error = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("error");
        Assert.Equal("not-found", error.GetProperty("kind").GetString());
        Assert.Equal(3, error.GetProperty("exitCode").GetInt32());
    }

    [PrivilegedFact]
    public void Create_TwoProcessesFiftyEach_HundredDistinctAddresses()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0", "--subnet", "10.205.0.0/24");
        var loops = new[] { "x", "y" }.Select(tag =>
        {
            var script = $"for i in $(seq 1 50); do $FORGE sandbox create {tag}$i --network net0 >/dev/null || exit 1; done";
            var psi = host.Cli.StartInfo([]);
            psi.FileName = "bash";
            psi.ArgumentList.Clear();
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            psi.Environment["FORGE"] = ForgeCommand(host);
            return Process.Start(psi)!;
        }).ToList();
        var results = loops.Select(p => ForgeCli.Wait(p, TimeSpan.FromMinutes(5))).ToList();
        Assert.True(results.All(r => r.ExitCode == 0), ForgeCli.Describe(results));

        var sandboxes = JsonDocument.Parse(host.Ok("sandbox", "ls", "--json").Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(100, sandboxes.Count);
        var addresses = sandboxes.Select(s => s.GetProperty("endpoints")[0].GetProperty("address4").GetString()).ToHashSet();
        Assert.Equal(100, addresses.Count);
        Assert.Equal(100, host.SandboxNamespaces().Count);
    }

    private static string ForgeCommand(ForgeHost host)
    {
        var psi = host.Cli.StartInfo([]);
        return psi.FileName == "dotnet" ? $"dotnet {psi.ArgumentList[0]}" : psi.FileName;
    }

    private static void AssertFails(ForgeHost host, int code, string mentions, params string[] args)
    {
        var result = host.Cli.Run(args);
        Assert.True(result.ExitCode == code, $"forge {string.Join(' ', args)}: expected exit {code}\n{result}");
        Assert.Contains(mentions, result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Stderr); // never a stack trace for a user mistake
        Assert.StartsWith("forge: ", result.Stderr);
    }
}
