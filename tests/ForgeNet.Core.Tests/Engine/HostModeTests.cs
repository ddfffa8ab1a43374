using System.Diagnostics;
using System.Net;
using System.Text;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Core.Tests.Engine;

/// <summary>
/// Mode host (<c>--network host</c>) against a throwaway "host" namespace: the sandbox's processes run in it, see its
/// links and reach its addresses; nothing is made for the sandbox, and removing it leaves the host untouched.
/// </summary>
public class HostModeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly IPAddress HostAddress = IPAddress.Parse("10.237.0.1");
    private static readonly NetworkPolicy Host = new() { Mode = PolicyMode.Host };

    [PrivilegedFact]
    public void CreateSandbox_HostMode_RecordedInHostNamespaceNothingMade()
    {
        using var env = new EngineSandbox();
        var linksBefore = Probe.Ip("-n", env.HostName, "-o", "link", "show");

        var info = env.Engine.CreateSandbox(new SandboxSpec("h") { Policy = Host });

        Assert.Equal(IsolationMode.Host, info.Isolation);
        Assert.True(info.ExternalNamespace);
        Assert.Equal(env.Host.Path, info.NamespacePath);
        Assert.Empty(info.Endpoints);
        Assert.Empty(env.OurNamespaces());
        Assert.Equal(linksBefore, Probe.Ip("-n", env.HostName, "-o", "link", "show"));
        Assert.Equal("", Probe.Nft(env.HostName, "list", "tables").Trim());
        var view = env.Engine.ShowPolicy("h");
        Assert.Equal(ForgeNet.Core.Engine.HostModeNote, view.Note);
        Assert.Equal("", view.Rules);
        Assert.Contains("mode: host\n", view.PolicyYaml);
    }

    [PrivilegedFact]
    public void CreateSandbox_IsolationHostWithoutPolicy_HostMode()
    {
        using var env = new EngineSandbox();
        var info = env.Engine.CreateSandbox(new SandboxSpec("h") { Isolation = IsolationMode.Host });
        Assert.Equal(IsolationMode.Host, info.Isolation);
        Assert.Contains("mode: host\n", info.PolicyYaml);
    }

    /// <summary>
    /// Without FORGENET_HOST_NETNS the host is the engine's own namespace, recorded under a path other processes open
    /// as the same one (PID 1's when shared). Only a record is made: no link, chain or namespace in the machine's network.
    /// </summary>
    [PrivilegedFact]
    public void CreateSandbox_HostModeNoHostPathConfigured_RecordsAStablePathToOwnNamespace()
    {
        var state = Directory.CreateTempSubdirectory("fnt-state-").FullName;
        try
        {
            using var engine = ForgeNet.Core.Engine.Open(new EngineOptions { StateDirectory = state, NamespacePrefix = TestNames.Unique() + "-" });
            using var own = NetNs.Open("/proc/self/ns/net");
            var expected = SharesInitNamespace(own) ? "/proc/1/ns/net" : "/proc/self/ns/net";

            var info = engine.CreateSandbox(new SandboxSpec("h") { Policy = Host });
            try
            {
                Assert.Equal(expected, info.NamespacePath);
                Assert.True(info.ExternalNamespace);
                Assert.Empty(info.Endpoints);
                using var process = engine.StartProcess("h", new ProcessStartInfo("readlink", "/proc/self/ns/net") { RedirectStandardOutput = true });
                var seen = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                Assert.Equal($"net:[{own.Id.Inode}]", seen);
            }
            finally
            {
                engine.RemoveSandbox("h", force: false);
            }
            Assert.Empty(engine.ListSandboxes());
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [PrivilegedFact]
    public void StartProcess_HostMode_SeesHostLinksAndReachesHostAddress()
    {
        using var env = new EngineSandbox();
        var link = AddHostLink(env);
        env.Engine.CreateSandbox(new SandboxSpec("h") { Policy = Host });

        Assert.Contains(link, Output(env.Engine, "h", "ip", "-o", "link", "show"));
        using var listener = Probe.Listen(env.Host, HostAddress);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptSocketAsync();
        var client = Output(env.Engine, "h", "timeout", "5", "bash", "-c", $"exec 3<>/dev/tcp/{HostAddress}/{port}; echo ping >&3");
        Assert.True(accept.Wait(Timeout), "the host-mode process did not reach the host's address: " + client);
        using var server = accept.Result;
        var buffer = new byte[4];
        var received = 0;
        while (received < 4 && server.Receive(buffer, received, 4 - received, System.Net.Sockets.SocketFlags.None) is > 0 and var n)
            received += n;
        Assert.Equal("ping", Encoding.ASCII.GetString(buffer, 0, received));
        env.Engine.RemoveSandbox("h", force: true);
    }

    [PrivilegedFact]
    public void RemoveSandbox_HostMode_HostNamespaceLinksAndProcessesIntact()
    {
        using var env = new EngineSandbox();
        var link = AddHostLink(env);
        env.Engine.CreateSandbox(new SandboxSpec("h") { Policy = Host });
        using var sleeper = env.Engine.StartProcess("h", new ProcessStartInfo("sleep", "30"));
        try
        {
            // force: what forge run uses; the host's processes are never the sandbox's to kill.
            env.Engine.RemoveSandbox("h", force: true);

            Assert.False(sleeper.HasExited);
            Assert.Contains(env.HostName, NetNs.ListNamed());
            Assert.Contains(link, Probe.Ip("-n", env.HostName, "-o", "link", "show"));
            Assert.Contains($"inet {HostAddress}/24", Probe.Ip("-n", env.HostName, "-o", "address", "show"));
            Assert.Empty(env.Engine.ListSandboxes());
            Assert.Empty(env.Engine.CollectGarbage().Removed);
            Assert.Contains(env.HostName, NetNs.ListNamed());
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [PrivilegedFact]
    public void CollectGarbage_HostModeOwnerExited_RecordRemovedHostKept()
    {
        using var env = new EngineSandbox();
        var link = AddHostLink(env);
        using var owner = Process.Start(new ProcessStartInfo("sleep", "300"))!;
        env.Engine.CreateSandbox(new SandboxSpec("run") { Policy = Host, OwnerPid = owner.Id });
        using var sleeper = env.Engine.StartProcess("run", new ProcessStartInfo("sleep", "30"));
        try
        {
            Assert.Empty(env.Engine.CollectGarbage().Removed);
            owner.Kill();
            owner.WaitForExit();

            Assert.Contains($"sandbox run (owner process {owner.Id} exited)", env.Engine.CollectGarbage().Removed);
            Assert.Empty(env.Engine.ListSandboxes());
            Assert.False(sleeper.HasExited);
            Assert.Contains(env.HostName, NetNs.ListNamed());
            Assert.Contains(link, Probe.Ip("-n", env.HostName, "-o", "link", "show"));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [PrivilegedFact]
    public void CreateSandbox_HostModeWithNetworkOrRuntimeNamespace_InvalidArgumentNothingMade()
    {
        using var env = new EngineSandbox();
        using var runtime = new RuntimeNamespace();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        (SandboxSpec Spec, string Message)[] cases =
        [
            (new SandboxSpec("x") { Policy = Host, Networks = ["net0"] }, "mode host uses the host's own network: it allows no networks"),
            (new SandboxSpec("x") { Isolation = IsolationMode.Host, Networks = ["net0"] }, "it allows no networks"),
            (new SandboxSpec("x") { Policy = Host, NamespacePath = runtime.Path }, "it cannot be put in a runtime's namespace"),
            (new SandboxSpec("x") { Policy = Host, Isolation = IsolationMode.LoopbackOnly }, "isolation loopback-only contradicts the policy's mode host"),
        ];
        foreach (var (spec, message) in cases)
        {
            var e = Assert.Throws<ForgeException>(() => env.Engine.CreateSandbox(spec));
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
            Assert.Contains(message, e.Message);
        }
        Assert.Empty(env.Engine.ListSandboxes());
        Assert.Empty(env.OurNamespaces());
    }

    [PrivilegedFact]
    public void ApplyPolicy_IntoOrOutOfHostMode_RefusedPolicyKept()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0"));
        env.Engine.CreateSandbox(new SandboxSpec("a") { Networks = ["net0"] });
        env.Engine.CreateSandbox(new SandboxSpec("lo"));
        env.Engine.CreateSandbox(new SandboxSpec("h") { Policy = Host });

        foreach (var (sandbox, policy, direction) in new[]
        {
            ("a", Host, "into mode host"), ("lo", Host, "into mode host"),
            ("h", new NetworkPolicy { Mode = PolicyMode.Internal }, "out of mode host"), ("h", NetworkPolicy.Default, "out of mode host"),
        })
        {
            var e = Assert.Throws<ForgeException>(() => env.Engine.ApplyPolicy(sandbox, policy));
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
            Assert.Contains(direction, e.Message);
            Assert.Contains("namespace cannot be swapped", e.Message);
        }
        Assert.Contains("mode: internal", env.Engine.InspectSandbox("a").PolicyYaml);
        Assert.Contains("mode: loopback-only", env.Engine.InspectSandbox("lo").PolicyYaml);
        Assert.Equal(IsolationMode.Host, env.Engine.InspectSandbox("h").Isolation);
    }

    // PID 1's namespace may not be ours, or not be ours to open (EACCES in a container): then the engine falls back.
    private static bool SharesInitNamespace(NetNs own)
    {
        try
        {
            using var init = NetNs.Open("/proc/1/ns/net");
            return init.Id == own.Id;
        }
        catch (NamespaceException)
        {
            return false;
        }
    }

    /// <summary>A veth pair inside the throwaway host namespace, up, with <see cref="HostAddress"/>; returns its name.</summary>
    private static string AddHostLink(EngineSandbox env)
    {
        // Local addresses are delivered through lo, which a fresh namespace has down (a real host has it up).
        Probe.Ip("-n", env.HostName, "link", "set", "lo", "up");
        var name = TestNames.Unique();
        Probe.Ip("-n", env.HostName, "link", "add", name, "type", "veth", "peer", "name", name + "p");
        Probe.Ip("-n", env.HostName, "address", "add", $"{HostAddress}/24", "dev", name);
        Probe.Ip("-n", env.HostName, "link", "set", name, "up");
        Probe.Ip("-n", env.HostName, "link", "set", name + "p", "up");
        return name;
    }

    private static string Output(ForgeNet.Core.Engine engine, string sandbox, string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = engine.StartProcess(sandbox, psi);
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
