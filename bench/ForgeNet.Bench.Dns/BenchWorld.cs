using System.Net;
using ForgeNet.Core;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Kernel;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Bench.Dns;

/// <summary>
/// The benchmark's throwaway world: a host namespace (bridge, the three servers), an upstream namespace (198.18.0.53, the
/// fake upstream), network net0 with N sandboxes to resolve and one client sandbox that runs dnsperf. Dispose removes all.
/// </summary>
internal sealed class BenchWorld : IDisposable
{
    public static readonly IPAddress UpstreamDns = IPAddress.Parse("198.18.0.53");
    public static readonly IPAddress DnsmasqAddress = IPAddress.Parse("10.99.51.2");
    public static readonly IPAddress AardvarkAddress = IPAddress.Parse("10.99.51.3");

    private const string ClientPolicy = """
        version: 1
        mode: private
        dns: true
        egress:
          - to: [10.99.51.0/24]
            ports: [53/udp, 53/tcp]
        """;

    public BenchWorld(string tag, int sandboxes)
    {
        Tag = tag;
        HostName = tag + "-host";
        UpstreamName = tag + "-up";
        StateDirectory = Directory.CreateTempSubdirectory("fnt-bdns-").FullName;
        Host = NetNs.Create(HostName);
        NetNs.Create(UpstreamName).Dispose();
        try
        {
            Link();
        }
        catch
        {
            Host.Dispose();
            NetNs.DeleteNamed(UpstreamName);
            NetNs.DeleteNamed(HostName);
            Directory.Delete(StateDirectory, recursive: true);
            throw;
        }
        Engine = Engine.Open(new EngineOptions { StateDirectory = StateDirectory, HostNamespacePath = Host.Path, NamespacePrefix = tag + "-" });
        Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.50.0/24", Subnet6 = "fd00:50::/64" });
        var policy = PolicyLoader.Parse("version: 1\nmode: private\ndns: true\n", "sandbox.yaml").Policy!;
        Sandboxes = Enumerable.Range(1, sandboxes)
            .Select(i => Engine.CreateSandbox(new SandboxSpec($"sb{i:D2}") { Networks = ["net0"], Policy = policy }))
            .ToList();
        Client = Engine.CreateSandbox(new SandboxSpec("client") { Networks = ["net0"], Policy = PolicyLoader.Parse(ClientPolicy, "client.yaml").Policy! });
        UpstreamSockets = SocketFactory.For(Path.Combine(NetNs.RunDirectory, UpstreamName));
        Upstream = new BenchUpstream(UpstreamSockets, new IPEndPoint(UpstreamDns, 53));
    }

    public string Tag { get; }

    public string HostName { get; }

    public string UpstreamName { get; }

    public string StateDirectory { get; }

    public NetNs Host { get; }

    public Engine Engine { get; }

    public IReadOnlyList<SandboxInfo> Sandboxes { get; }

    public SandboxInfo Client { get; }

    public string ClientNamespace => Path.GetFileName(Client.NamespacePath);

    public IPAddress Gateway => IPAddress.Parse(Client.Endpoints[0].Gateway4!);

    public SocketFactory UpstreamSockets { get; }

    public BenchUpstream Upstream { get; }

    public static IPAddress Address(string? prefix) => IpPrefix.Parse(prefix!).Address;

    public void Dispose()
    {
        Upstream.Dispose();
        UpstreamSockets.Dispose();
        foreach (var sandbox in Sandboxes.Append(Client))
            try { Engine.RemoveSandbox(sandbox.Name, force: true); } catch (Exception e) { Console.Error.WriteLine($"cleanup: {e.Message}"); }
        try { Engine.RemoveNetwork("net0", force: true); } catch (Exception e) { Console.Error.WriteLine($"cleanup: {e.Message}"); }
        Engine.Dispose();
        Host.Dispose();
        NetNs.DeleteNamed(UpstreamName);
        NetNs.DeleteNamed(HostName);
        Directory.Delete(StateDirectory, recursive: true);
    }

    private void Link()
    {
        Shell.Run("ip", "-n", HostName, "link", "add", "bup0", "type", "veth", "peer", "name", "up0", "netns", UpstreamName);
        Shell.Run("ip", "-n", HostName, "address", "add", "198.18.0.1/24", "dev", "bup0");
        Shell.Run("ip", "-n", HostName, "link", "set", "bup0", "up");
        Shell.Run("ip", "-n", HostName, "link", "set", "lo", "up");
        Shell.Run("ip", "-n", HostName, "address", "add", DnsmasqAddress + "/32", "dev", "lo");
        Shell.Run("ip", "-n", HostName, "address", "add", AardvarkAddress + "/32", "dev", "lo");
        Shell.Run("ip", "-n", UpstreamName, "address", "add", "198.18.0.2/24", "dev", "up0");
        Shell.Run("ip", "-n", UpstreamName, "address", "add", UpstreamDns + "/32", "dev", "lo");
        Shell.Run("ip", "-n", UpstreamName, "link", "set", "up0", "up");
        Shell.Run("ip", "-n", UpstreamName, "link", "set", "lo", "up");
        Shell.Run("ip", "-n", UpstreamName, "route", "add", "default", "via", "198.18.0.1");
        Shell.Run("ip", "-n", HostName, "route", "add", "default", "via", "198.18.0.2");
    }
}
