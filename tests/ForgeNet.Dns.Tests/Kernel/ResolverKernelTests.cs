using System.Net;
using ForgeNet.Core.Model;
using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Wire;
using ForgeNet.Kernel;
using ForgeNet.Testing;

namespace ForgeNet.Dns.Tests.Kernel;

/// <summary>The resolver bound on a network's gateways in a throwaway host, asked from inside sandboxes.</summary>
public class ResolverKernelTests
{
    private const string Private = "version: 1\nmode: private\ndns: true\n";

    private static (SandboxInfo Alpha, SandboxInfo Beta) TwoSandboxes(DnsWorld world, string subnet4, string subnet6)
    {
        world.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = subnet4, Subnet6 = subnet6 });
        var alpha = world.Engine.CreateSandbox(new SandboxSpec("alpha") { Networks = ["net0"], Policy = DnsWorld.Policy(Private) });
        var beta = world.Engine.CreateSandbox(new SandboxSpec("beta") { Networks = ["net0"], Policy = DnsWorld.Policy(Private) });
        return (alpha, beta);
    }

    private static IPAddress Address(string? prefix) => IpPrefix.Parse(prefix!).Address;

    [PrivilegedFact]
    public async Task Resolver_SandboxesResolveEachOther_AAaaaAndPtrOverV4AndV6()
    {
        using var world = new DnsWorld();
        var (alpha, beta) = TwoSandboxes(world, "10.99.71.0/24", "fd00:71::/64");
        await using var dns = world.StartDns();
        using var ns = world.OpenSandbox("alpha");
        var gateway4 = IPAddress.Parse(alpha.Endpoints[0].Gateway4!);
        var gateway6 = IPAddress.Parse(alpha.Endpoints[0].Gateway6!);

        var a = DnsProbe.Udp(ns, gateway4, Packets.Query("beta.net0.forge.internal", DnsType.A));
        var aaaa = DnsProbe.Udp(ns, gateway6, Packets.Query("beta", DnsType.Aaaa));
        var ptr = DnsProbe.Tcp(ns, gateway4, Packets.Query(Reverse(Address(beta.Endpoints[0].Address4)), DnsType.Ptr));

        Assert.NotNull(a);
        Assert.Equal(Address(beta.Endpoints[0].Address4).ToString(), Assert.Single(Packets.Answers(a)).Data);
        Assert.NotNull(aaaa);
        Assert.Equal(Address(beta.Endpoints[0].Address6).ToString(), Assert.Single(Packets.Answers(aaaa)).Data);
        Assert.NotNull(ptr);
        Assert.Equal("beta.net0.forge.internal", Assert.Single(Packets.Answers(ptr)).Data);
        Assert.Empty(world.Upstream.Log);
    }

    [PrivilegedFact]
    public async Task Resolver_SandboxMadeAndRemovedByAnotherProcess_ResolvableAtOnceAndGoneAtOnce()
    {
        using var world = new DnsWorld();
        var (alpha, _) = TwoSandboxes(world, "10.99.72.0/24", "fd00:72::/64");
        await using var dns = world.StartDns();
        using var ns = world.OpenSandbox("alpha");
        var gateway = IPAddress.Parse(alpha.Endpoints[0].Gateway4!);
        var other = world.Open(); // another "process" on the same store
        Assert.Equal(DnsType.NxDomain, Packets.Rcode(DnsProbe.Udp(ns, gateway, Packets.Query("gamma.net0.forge.internal", DnsType.A))!));

        var gamma = other.CreateSandbox(new SandboxSpec("gamma") { Networks = ["net0"], Policy = DnsWorld.Policy(Private) });
        var found = DnsProbe.Udp(ns, gateway, Packets.Query("gamma.net0.forge.internal", DnsType.A));
        other.RemoveSandbox("gamma", force: true);
        var gone = DnsProbe.Udp(ns, gateway, Packets.Query("gamma.net0.forge.internal", DnsType.A));

        Assert.Equal(Address(gamma.Endpoints[0].Address4).ToString(), Assert.Single(Packets.Answers(found!)).Data);
        Assert.Equal(DnsType.NxDomain, Packets.Rcode(gone!));
    }

    [PrivilegedFact]
    public async Task Resolver_OutsideName_ForwardedToTheUpstreamNamespaceAndCached()
    {
        using var world = new DnsWorld();
        var (alpha, _) = TwoSandboxes(world, "10.99.73.0/24", "fd00:73::/64");
        world.Upstream.Add("pypi.org", IPAddress.Parse("198.18.9.1"), ttl: 300);
        await using var dns = world.StartDns();
        using var ns = world.OpenSandbox("alpha");
        var gateway = IPAddress.Parse(alpha.Endpoints[0].Gateway4!);

        var first = DnsProbe.Udp(ns, gateway, Packets.Query("pypi.org", DnsType.A));
        var second = DnsProbe.Udp(ns, gateway, Packets.Query("pypi.org", DnsType.A));

        Assert.Equal("198.18.9.1", Assert.Single(Packets.Answers(first!)).Data);
        Assert.Equal("198.18.9.1", Assert.Single(Packets.Answers(second!)).Data);
        Assert.Equal(1, world.Upstream.Count("pypi.org"));
        Assert.Equal(1, dns.Totals().CacheHits);
    }

    [PrivilegedFact]
    public async Task Resolver_SandboxWithoutDnsInItsPolicy_CannotReachTheResolver()
    {
        using var world = new DnsWorld();
        world.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.74.0/24" });
        var mute = world.Engine.CreateSandbox(new SandboxSpec("mute") { Networks = ["net0"], Policy = DnsWorld.Policy("version: 1\nmode: private\n") });
        await using var dns = world.StartDns();
        using var ns = world.OpenSandbox("mute");

        var answer = DnsProbe.Udp(ns, IPAddress.Parse(mute.Endpoints[0].Gateway4!), Packets.Query("pypi.org", DnsType.A), TimeSpan.FromMilliseconds(500));

        Assert.Null(answer);
        Assert.Equal(0, dns.Totals().Queries);
    }

    [PrivilegedFact]
    public void CreateSandbox_DnsAllowed_WritesResolvConfForIpNetnsExecAndRemovesItWithTheSandbox()
    {
        using var world = new DnsWorld();
        world.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.75.0/24" });
        world.Engine.CreateSandbox(new SandboxSpec("alpha") { Networks = ["net0"], Policy = DnsWorld.Policy(Private) });
        var file = Path.Combine("/etc/netns", world.Prefix + "alpha", "resolv.conf");

        var text = File.ReadAllText(file);
        world.Engine.RemoveSandbox("alpha", force: true);

        Assert.Contains("nameserver 10.99.75.1\n", text, StringComparison.Ordinal);
        Assert.Contains("search net0.forge.internal\n", text, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }

    private static string Reverse(IPAddress address) =>
        string.Join('.', address.GetAddressBytes().Reverse()) + ".in-addr.arpa";

    [PrivilegedFact]
    public async Task StartProcess_SandboxWithDns_SeesItsResolvConfAndResolvesThroughIt()
    {
        using var world = new DnsWorld();
        world.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.76.0/24" });
        world.Engine.CreateSandbox(new SandboxSpec("alpha") { Networks = ["net0"], Policy = DnsWorld.Policy(Private) });
        world.Upstream.Add("pypi.org", IPAddress.Parse("198.18.9.9"));
        await using var dns = world.StartDns();
        var hostFile = File.ReadAllText("/etc/resolv.conf");

        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("cat /etc/resolv.conf; getent hosts pypi.org; getent hosts alpha.net0.forge.internal");
        using var process = world.Engine.StartProcess("alpha", start);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Contains("nameserver 10.99.76.1", output, StringComparison.Ordinal);
        Assert.Contains("198.18.9.9", output, StringComparison.Ordinal);
        Assert.Contains("10.99.76.", output.Split("pypi.org")[^1], StringComparison.Ordinal);
        Assert.Equal(hostFile, File.ReadAllText("/etc/resolv.conf")); // the host's own file untouched
    }

    [PrivilegedFact]
    public async Task TwoHosts_SameNetwork_BothBindAndEitherAnswers()
    {
        using var world = new DnsWorld();
        var (alpha, _) = TwoSandboxes(world, "10.99.77.0/24", "fd00:77::/64");
        await using var first = world.StartDns();
        await using var second = world.StartDns(world.Open());
        using var ns = world.OpenSandbox("alpha");

        var answer = DnsProbe.Udp(ns, IPAddress.Parse(alpha.Endpoints[0].Gateway4!), Packets.Query("beta", DnsType.A));

        Assert.Single(Packets.Answers(answer!));
        Assert.Equal(1, first.Totals().Queries + second.Totals().Queries);
    }
}
