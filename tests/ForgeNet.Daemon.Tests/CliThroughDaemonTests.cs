using ForgeNet.Daemon.Tests.Support;
using ForgeNet.Testing;

namespace ForgeNet.Daemon.Tests;

/// <summary>The real forge CLI with --host: served by the daemon, with the output and exit codes of the in-process engine.</summary>
public sealed class CliThroughDaemonTests
{
    [PrivilegedFact]
    public async Task Cli_WithHost_SameOutputAsInProcess()
    {
        using var host = new DaemonHost();
        using var daemon = host.Start();
        var remote = $"unix://{host.Socket}";

        Assert.Equal((0, "net0\n"), Forge(host, "--host", remote, "network", "create", "net0", "--subnet", "10.77.11.0/24"));
        Assert.Equal((0, "a\n"), Forge(host, "--host", remote, "sandbox", "create", "a", "--network", "net0", "--label", "app=web"));
        // The labels travel to the daemon and back (policies select peers by them).
        Assert.Contains("\"app\": \"web\"", Forge(host, "--host", remote, "sandbox", "inspect", "a", "--json").Output);
        foreach (var verb in new[] { new[] { "network", "ls" }, ["network", "ls", "--json"], ["network", "inspect", "net0", "--json"],
            ["sandbox", "ls"], ["sandbox", "ls", "--json"], ["sandbox", "inspect", "a", "--json"] })
        {
            var viaDaemon = Forge(host, ["--host", remote, .. verb]);
            var inProcess = Forge(host, ["--host", "local", .. verb]);
            Assert.Equal(0, viaDaemon.Code);
            Assert.Equal(inProcess, viaDaemon);
        }
        // Mistakes keep their exit codes: conflict 4, not found 3, in use 4.
        Assert.Equal(Forge(host, "--host", "local", "sandbox", "create", "a", "--network", "net0").Code, Forge(host, "--host", remote, "sandbox", "create", "a", "--network", "net0").Code);
        Assert.Equal(4, Forge(host, "--host", remote, "sandbox", "create", "a", "--network", "net0").Code);
        Assert.Equal(3, Forge(host, "--host", remote, "sandbox", "rm", "nope").Code);
        Assert.Equal(4, Forge(host, "--host", remote, "network", "rm", "net0").Code);
        Assert.Equal(0, Forge(host, "--host", remote, "sandbox", "rm", "a").Code);
        Assert.Equal(0, Forge(host, "--host", remote, "network", "rm", "net0").Code);

        // The daemon did the work: its histogram counted three setups (one made, two refused) and two teardowns.
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{host.MetricsPort}/metrics");
        Assert.Contains("forgenet_operation_duration_seconds_count{operation=\"setup\"} 3", metrics);
        Assert.Contains("forgenet_operation_errors_total{operation=\"setup\"} 2", metrics);
        Assert.Contains("forgenet_operation_duration_seconds_count{operation=\"teardown\"} 2", metrics);
        Assert.Empty(host.SandboxNamespaces());

        // A --host nobody answers is an error, not a silent fallback.
        var dead = Forge(host, "--host", "unix:///nonexistent/forgenet.sock", "network", "ls");
        Assert.Equal(1, dead.Code);
    }

    [PrivilegedFact]
    public void ForgeDaemon_Detached_ServesThenRefusesASecond()
    {
        using var host = new DaemonHost();
        var daemon = Path.Combine(AppContext.BaseDirectory, "forgenetd");
        var env = new Dictionary<string, string> { ["FORGENET_DAEMON"] = daemon };
        var (code, output) = Forge(host, env, "daemon", "--socket", host.Socket, "--metrics", "off");
        Assert.Equal(0, code);
        var pid = int.Parse(output.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        try
        {
            Assert.Equal((0, "NAME  DRIVER  BRIDGE  IPV4 SUBNET  IPV6 SUBNET  INTERNAL  ENDPOINTS\n"), Forge(host, "--host", $"unix://{host.Socket}", "network", "ls"));
            Assert.Equal(4, Forge(host, env, "daemon", "--socket", host.Socket, "--metrics", "off").Code);
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    private static (int Code, string Output) Forge(DaemonHost host, params string[] args) => Forge(host, null, args);

    private static (int Code, string Output) Forge(DaemonHost host, Dictionary<string, string>? extra, params string[] args)
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        // tests/ForgeNet.Daemon.Tests/bin/CONFIG/net10.0 -> src/ForgeNet.Cli/bin/CONFIG/net10.0/forge.dll
        var configuration = tests.Parent!.Name;
        var forge = Path.GetFullPath(Path.Combine(tests.FullName, "../../../../../src/ForgeNet.Cli/bin", configuration, tests.Name, "forge.dll"));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(forge);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in host.Environment(extra)) start.Environment[k] = v;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result);
    }
}
