using System.Net;
using ForgeNet.Core;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Hosting;
using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Testing;

namespace ForgeNet.Dns.Tests.Kernel;

/// <summary>
/// A throwaway world: a "host" namespace of its own (bridges, the resolver's sockets), an "upstream" namespace joined to
/// it by a veth pair (198.18.0.1 host side, 198.18.0.2 upstream side, the host's default route; a fake DNS server on
/// 198.18.0.53), a temp state directory and an engine. Nothing here reaches a real network. Dispose removes all of it.
/// </summary>
internal sealed class DnsWorld : IDisposable
{
    public static readonly IPAddress UpstreamDns = IPAddress.Parse("198.18.0.53");

    private readonly List<Engine> _engines = [];

    public DnsWorld()
    {
        HostName = TestNames.Unique("host");
        Host = NetNs.Create(HostName);
        UpstreamName = TestNames.Unique("up");
        UpstreamNs = NetNs.Create(UpstreamName);
        Prefix = TestNames.Unique() + "-";
        StateDirectory = Directory.CreateTempSubdirectory("fnt-state-").FullName;
        Options = new EngineOptions { StateDirectory = StateDirectory, HostNamespacePath = Host.Path, NamespacePrefix = Prefix };
        Engine = Open();
        Link();
        UpstreamSockets = SocketFactory.For(UpstreamNs.Path);
        Upstream = new FakeUpstream(UpstreamSockets, UpstreamDns);
    }

    public string HostName { get; }

    public NetNs Host { get; }

    public string UpstreamName { get; }

    public NetNs UpstreamNs { get; }

    public SocketFactory UpstreamSockets { get; }

    public FakeUpstream Upstream { get; }

    public string Prefix { get; }

    public string StateDirectory { get; }

    public EngineOptions Options { get; }

    public Engine Engine { get; }

    /// <summary>Another engine on the same state (another "process").</summary>
    public Engine Open(Func<EngineOptions, EngineOptions>? configure = null)
    {
        var engine = Engine.Open(configure?.Invoke(Options) ?? Options);
        lock (_engines) _engines.Add(engine);
        return engine;
    }

    /// <summary>A DNS host for this world: sockets in the throwaway host, the fake upstream as the only upstream.</summary>
    public DnsHost StartDns(Engine? engine = null, Func<DnsHostOptions, DnsHostOptions>? configure = null)
    {
        var options = new DnsHostOptions { HostNamespacePath = Host.Path, Upstreams = [new IPEndPoint(UpstreamDns, 53)] };
        return DnsHost.Start(engine ?? Engine, configure?.Invoke(options) ?? options);
    }

    public NetNs OpenSandbox(string name) => NetNs.OpenNamed(Prefix + name);

    public static NetworkPolicy Policy(string yaml) => PolicyLoader.Parse(yaml, "test.yaml").Policy!;

    public void Dispose()
    {
        Upstream.Dispose();
        UpstreamSockets.Dispose();
        foreach (var engine in _engines) engine.Dispose();
        foreach (var name in NetNs.ListNamed().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            NetNs.DeleteNamed(name);
            var etc = Path.Combine("/etc/netns", name);
            if (Directory.Exists(etc)) Directory.Delete(etc, recursive: true);
        }
        UpstreamNs.Dispose();
        NetNs.DeleteNamed(UpstreamName);
        Host.Dispose();
        NetNs.DeleteNamed(HostName);
        Directory.Delete(StateDirectory, recursive: true);
    }

    private void Link()
    {
        var link = UpstreamName;
        Ip("-n", HostName, "link", "add", link, "type", "veth", "peer", "name", "up0", "netns", UpstreamName);
        Ip("-n", HostName, "address", "add", "198.18.0.1/24", "dev", link);
        Ip("-n", HostName, "link", "set", link, "up");
        Ip("-n", HostName, "link", "set", "lo", "up");
        Ip("-n", UpstreamName, "address", "add", "198.18.0.2/24", "dev", "up0");
        Ip("-n", UpstreamName, "address", "add", UpstreamDns + "/32", "dev", "lo");
        Ip("-n", UpstreamName, "link", "set", "up0", "up");
        Ip("-n", UpstreamName, "link", "set", "lo", "up");
        Ip("-n", UpstreamName, "route", "add", "default", "via", "198.18.0.1");
        Ip("-n", HostName, "route", "add", "default", "via", "198.18.0.2");
    }

    public static void Ip(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ip {string.Join(' ', args)}: {error}");
    }
}
