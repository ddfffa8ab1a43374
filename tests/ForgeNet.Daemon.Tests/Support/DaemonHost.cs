using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Daemon.Tests.Support;

/// <summary>
/// Everything one test's daemon lives in: a throwaway namespace playing the host (its bridges and nftables tables die
/// with it), a temporary state directory, socket and metrics port. Sandbox namespaces are named after the host.
/// Dispose stops the daemon and removes all of it, also when the test failed.
/// </summary>
internal sealed class DaemonHost : IDisposable
{
    private readonly List<DaemonProcess> _daemons = [];

    public DaemonHost()
    {
        Name = TestNames.Unique();
        Host = NetNs.Create(Name);
        StateDirectory = Directory.CreateTempSubdirectory(Name + "-state").FullName;
        Socket = Path.Combine(StateDirectory, "forgenet.sock");
        MetricsPort = FreePort();
    }

    /// <summary>The host namespace's name (fnt-XXXXXX); sandbox namespaces are NAME-SANDBOX.</summary>
    public string Name { get; }

    public NetNs Host { get; }

    public string StateDirectory { get; }

    public string Socket { get; }

    public int MetricsPort { get; }

    /// <summary>The prefix of sandbox namespaces this host's daemon makes.</summary>
    public string Prefix => Name + "-";

    /// <summary>The variables the daemon runs with (plus <paramref name="extra"/>).</summary>
    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["FORGENET_STATE_DIR"] = StateDirectory,
            ["FORGENET_HOST_NETNS"] = Host.Path,
            ["FORGENET_NETNS_PREFIX"] = Prefix,
            ["FORGENET_CRASH_AT"] = "",
            ["FORGENET_FAULT_AT"] = "",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        return env;
    }

    /// <summary>Starts a daemon (not waiting for it); extra arguments after the socket and metrics options.</summary>
    public DaemonProcess Launch(IReadOnlyDictionary<string, string>? env = null, params string[] arguments)
    {
        var daemon = DaemonProcess.Start(Socket,
            ["--socket", Socket, "--metrics", $"127.0.0.1:{MetricsPort}", "--foreground", .. arguments], Environment(env));
        _daemons.Add(daemon);
        return daemon;
    }

    /// <summary>Starts a daemon and waits until it serves.</summary>
    public DaemonProcess Start(IReadOnlyDictionary<string, string>? env = null, params string[] arguments)
    {
        var daemon = Launch(env, arguments);
        daemon.WaitReady();
        return daemon;
    }

    /// <summary>Sandbox namespaces of this host that exist now.</summary>
    public List<string> SandboxNamespaces() => NetNs.ListNamed().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList();

    /// <summary>ForgeNet's host-side veths ("fv…") in the host namespace now.</summary>
    public List<string> HostVeths() => Shell.Ip("-n", Name, "-o", "link", "show").Split('\n')
        .Select(l => l.Split(':', 3)).Where(p => p.Length > 2).Select(p => p[1].Trim().Split('@')[0])
        .Where(n => n.StartsWith("fv", StringComparison.Ordinal)).ToList();

    public void Dispose()
    {
        // Each step on its own: one failure must not leave the rest behind.
        foreach (var daemon in _daemons) Try(daemon.Dispose);
        Try(() =>
        {
            foreach (var ns in SandboxNamespaces()) NetNs.DeleteNamed(ns);
        });
        Try(Host.Dispose);
        Try(() => NetNs.DeleteNamed(Name));
        Try(() => Directory.Delete(StateDirectory, recursive: true));
    }

    private static void Try(Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NamespaceException or UnauthorizedAccessException)
        {
            // Cleanup goes on; a leak shows in the next check of `ip netns`.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
