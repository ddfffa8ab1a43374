using System.Diagnostics;
using System.Runtime.InteropServices;
using ForgeNet.Testing;

namespace ForgeNet.E2E;

/// <summary><c>forge run</c>: exit codes, loopback-only isolation, signals, and nothing left behind.</summary>
public sealed partial class RunTests
{
    [PrivilegedTheory]
    [InlineData("exit 0", 0)]
    [InlineData("exit 3", 3)]
    [InlineData("exit 42", 42)]
    [InlineData("kill -9 $$", 137)]
    public void Run_Command_ExitCodePropagatedAndNothingLeft(string script, int expected)
    {
        using var host = new ForgeHost();
        var result = host.Cli.Run("run", "--", "sh", "-c", script);
        Assert.True(expected == result.ExitCode, result.ToString());
        host.AssertNothingLeft();
    }

    [PrivilegedFact]
    public void Run_StdoutAndArguments_PassedThrough()
    {
        using var host = new ForgeHost();
        var result = host.Ok("run", "--", "sh", "-c", "echo \"$0|$1\"", "a b", "-c");
        Assert.Equal("a b|-c", result.Stdout.Trim());
    }

    [PrivilegedFact]
    public void Run_NoNetwork_OnlyLoopbackUp()
    {
        using var host = new ForgeHost();
        var result = host.Ok("run", "--", "cat", "/proc/net/dev");
        var interfaces = result.Stdout.Split('\n').Skip(2).Where(l => l.Contains(':')).Select(l => l.Split(':')[0].Trim()).ToList();
        Assert.Equal(["lo"], interfaces);
        var lo = host.Ok("run", "--", "cat", "/proc/self/net/if_inet6");
        Assert.Contains("00000000000000000000000000000001 01", lo.Stdout); // ::1 on lo: lo is up
    }

    [PrivilegedFact]
    public void Run_LoopbackOnly_ReachesNoneOfTheHostsAddresses()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0", "--subnet", "10.201.0.0/24", "--ipv6", "--subnet6", "fd00:201::/64");
        // The host namespace now holds 10.201.0.1 and fd00:201::1 on the bridge; loopback answers inside the sandbox only.
        foreach (var target in new[] { "10.201.0.1", "fd00:201::1" })
        {
            var result = host.Cli.Run("run", "--isolation", "loopback-only", "--", "bash", "-c", $"exec 3<>/dev/tcp/{target}/9");
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("unreachable", result.Stderr, StringComparison.OrdinalIgnoreCase);
        }
        var loopback = host.Cli.Run("run", "--", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9");
        Assert.Contains("refused", loopback.Stderr, StringComparison.OrdinalIgnoreCase); // lo works, nobody listens
        host.AssertNothingLeft();
    }

    [PrivilegedFact]
    public void Run_ForgeGetsSigterm_ForwardsItAndCleansUp()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        using var forge = host.Cli.Start("run", "--name", "victim", "--network", "net0", "--", "sleep", "60");
        WaitForSandbox(host, "victim");
        Assert.Equal(0, Kill(forge.Id, 15));
        var result = ForgeCli.Wait(forge, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 143, result.ToString()); // sleep ended by the forwarded SIGTERM
        host.AssertNothingLeft();
    }

    [PrivilegedFact]
    public void Run_ForgeKilled_GcRemovesEverything()
    {
        using var host = new ForgeHost();
        host.Ok("network", "create", "net0");
        using var forge = host.Cli.Start("run", "--name", "orphan", "--network", "net0", "--", "sleep", "60");
        WaitForSandbox(host, "orphan");
        forge.Kill(); // SIGKILL: forge cannot clean up; its sandbox names it as owner
        forge.WaitForExit();
        Assert.NotEmpty(host.SandboxNamespaces());
        var gc = host.Ok("gc");
        Assert.Contains("orphan", gc.Stdout);
        host.AssertNothingLeft();
    }

    private static void WaitForSandbox(ForgeHost host, string name)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (ForgeHost.PidsIn(host.NamespaceOf(name)).Count > 0)
                return;
            Thread.Sleep(50);
        }
        Assert.Fail($"sandbox {name} did not start its command within 30 s");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
