using System.Diagnostics;
using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Model;
using ForgeNet.Core.Tests.Engine;
using ForgeNet.Kernel;
using ForgeNet.Testing;
using static ForgeNet.Core.Tests.Firewall.Traffic;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// Egress by domain with real connections: a sandbox in mode private behind a throwaway host, "the internet" an upstream
/// namespace of the test's own (198.19.0.0/16 addresses). Nothing feeds the sets but the test's own Admit calls.
/// </summary>
public class DomainEgressKernelTests
{
    private const string Pypi = "198.19.6.1";
    private const string Other = "198.19.6.2";

    private static readonly DomainTimeouts Short = new(TimeSpan.FromSeconds(2), TimeSpan.FromHours(1));

    private const string DomainPolicy = """
        version: 1
        mode: private
        dns: true
        egress:
          - to: [{domain: pypi.org}, {domain: "*.pythonhosted.org"}]
            ports: [8080/tcp]
        """;

    [PrivilegedFact]
    public void Admit_AddressOfAllowedName_OnlyThatAddressAndPortUntilTheTimeout()
    {
        using var env = new EngineSandbox();
        var engine = env.Open(o => o with { DomainTimeouts = Short });
        engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.61.0/24" });
        using var upstream = new Upstream(env, Pypi, Other);
        var agent = engine.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = FirewallSamples.Parse(DomainPolicy) });
        var client = IpPrefix.Parse(agent.Endpoints[0].Address4!).Address;
        using var ns = env.OpenSandbox("agent");
        using var allowed = Listen(upstream.Namespace, IPAddress.Any, 8080);
        using var otherPort = Listen(upstream.Namespace, IPAddress.Any, 8081);
        var egress = engine.DomainEgress;

        Assert.False(Tcp(ns, allowed, IPAddress.Parse(Pypi), timeout: Denied), "before any answer");
        Assert.Equal(ResolverDecision.AllowedDomain, egress.Decide("net0", client, "PyPI.org."));
        egress.Admit("net0", client, "pypi.org", [IPAddress.Parse(Pypi)], TimeSpan.Zero);
        var admitted = Stopwatch.StartNew();
        // A connection opened while the address is admitted goes on after it expired; new ones do not.
        using var open = Connect(ns, IPAddress.Parse(Pypi), 8080, null, Allowed);
        Assert.NotNull(open);
        using var server = allowed.AcceptSocket();
        Assert.True(Tcp(ns, allowed, IPAddress.Parse(Pypi)), "the admitted address");
        Assert.False(Tcp(ns, allowed, IPAddress.Parse(Other), timeout: Denied), "an address no answer gave");
        Assert.False(Tcp(ns, otherPort, IPAddress.Parse(Pypi), timeout: Denied), "a port the rule does not name");

        // The floor (2 s here) was the timeout: a second past it the address is denied again.
        var left = TimeSpan.FromSeconds(3) - admitted.Elapsed;
        if (left > TimeSpan.Zero) Thread.Sleep(left);
        Assert.False(Tcp(ns, allowed, IPAddress.Parse(Pypi), timeout: Denied), "after the timeout");
        open.Send("still here"u8.ToArray());
        Assert.Equal("still here", Receive(server, 10, Allowed));
    }

    [PrivilegedFact]
    public void DomainRule_DnsToOtherServers_DroppedEvenWhenACidrRuleAllowsThem()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.62.0/24" });
        using var upstream = new Upstream(env, Pypi);
        var agent = env.Engine.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = FirewallSamples.Parse(DomainPolicy + $"\n  - to: [{Pypi}]\n") });
        using var ns = env.OpenSandbox("agent");
        var server = IPAddress.Parse(Pypi);
        var gateway = IPAddress.Parse(agent.Endpoints[0].Gateway4!);

        Assert.True(Udp(ns, upstream.Namespace, server, 5353), "udp elsewhere (the cidr rule)");
        Assert.False(Udp(ns, upstream.Namespace, server, 53, Denied), "udp 53 elsewhere");
        using (var other = Listen(upstream.Namespace, IPAddress.Any, 8443))
            Assert.True(Tcp(ns, other, server), "tcp elsewhere (the cidr rule)");
        foreach (var port in new[] { 53, 853 })
        {
            using var dns = Listen(upstream.Namespace, IPAddress.Any, port);
            Assert.False(Tcp(ns, dns, server, timeout: Denied), $"tcp {port} elsewhere");
        }
        Assert.True(Udp(ns, env.Host, gateway, 53), "the network's resolver");
        var chain = Probe.Nft(env.HostName, "list", "chain", "inet", "forgenet", $"ep-{agent.Endpoints[0].HostInterface}-eg");
        Assert.Matches(@"udp dport 53 counter packets [1-9]\d* bytes \d+ drop comment ""domain rules: DNS only to the network's resolver""", chain);
    }

    [PrivilegedFact]
    public void ApplyPolicyAndReload_DomainSets_RebuiltAndRefilledByTheNextAnswer()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.63.0/24" });
        using var upstream = new Upstream(env, Pypi, Other);
        var agent = env.Engine.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = FirewallSamples.Parse(DomainPolicy) });
        var client = IpPrefix.Parse(agent.Endpoints[0].Address4!).Address;
        using var ns = env.OpenSandbox("agent");
        using var listener = Listen(upstream.Namespace, IPAddress.Any, 8080);
        var egress = env.Engine.DomainEgress;
        egress.Admit("net0", client, "files.pythonhosted.org", [IPAddress.Parse(Pypi)], TimeSpan.FromMinutes(5));
        Assert.True(Tcp(ns, listener, IPAddress.Parse(Pypi)));

        // The same patterns under other ports: the sets stay, and so does what they learnt.
        env.Engine.ApplyPolicy("agent", FirewallSamples.Parse(DomainPolicy.Replace("8080/tcp", "8080/tcp, 9090/tcp")));
        Assert.True(Tcp(ns, listener, IPAddress.Parse(Pypi)), "after a policy change that keeps the patterns");

        // Other patterns: new sets, empty until an answer; the old name is no longer allowed.
        env.Engine.ApplyPolicy("agent", FirewallSamples.Parse(DomainPolicy.Replace("pypi.org", "example.org")));
        Assert.False(Tcp(ns, listener, IPAddress.Parse(Pypi), timeout: Denied), "after a policy change of the patterns");
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", client, "pypi.org"));
        Assert.Throws<Errors.ForgeException>(() => egress.Admit("net0", client, "pypi.org", [IPAddress.Parse(Pypi)], TimeSpan.FromMinutes(5)));
        egress.Admit("net0", client, "example.org", [IPAddress.Parse(Other)], TimeSpan.FromMinutes(5));
        Assert.True(Tcp(ns, listener, IPAddress.Parse(Other)));

        // A reload rebuilds the tables: what was learnt is gone until the next answer.
        env.Engine.ReloadFirewall();
        Assert.False(Tcp(ns, listener, IPAddress.Parse(Other), timeout: Denied), "after a reload");
        egress.Admit("net0", client, "example.org", [IPAddress.Parse(Other)], TimeSpan.FromMinutes(5));
        Assert.True(Tcp(ns, listener, IPAddress.Parse(Other)), "after the next answer");
    }

    [PrivilegedFact]
    public void Admit_ShorterTtlLater_KeepsTheLongerTimeout()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.64.0/24" });
        var agent = env.Engine.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = FirewallSamples.Parse(DomainPolicy) });
        var client = IpPrefix.Parse(agent.Endpoints[0].Address4!).Address;
        var egress = env.Engine.DomainEgress;
        egress.Admit("net0", client, "pypi.org", [IPAddress.Parse(Pypi)], TimeSpan.FromMinutes(20));
        egress.Admit("net0", client, "pypi.org", [IPAddress.Parse(Pypi), IPAddress.Parse(Other)], TimeSpan.FromSeconds(1));
        var sets = Probe.Nft(env.HostName, "list", "table", "inet", "forgenet");
        Assert.Matches(@"198\.19\.6\.1 timeout 20m expires 19m", sets);
        Assert.Matches(@"198\.19\.6\.2 timeout 30s expires", sets);
    }

    [PrivilegedFact]
    public void Decide_SandboxesMadeAndRemovedByAnotherEngine_SeenAtOnce()
    {
        using var env = new EngineSandbox();
        var egress = env.Engine.DomainEgress;
        var other = env.Open();
        other.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.65.0/24" });
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", IPAddress.Parse("10.99.65.2"), "pypi.org"));

        var agent = Address(other.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = FirewallSamples.Parse(DomainPolicy) }));
        var open = Address(other.CreateSandbox(new SandboxSpec("open") { Networks = ["net0"], Policy = FirewallSamples.Parse("version: 1\nmode: private\ndns: true\negress: public-internet\n") }));
        var inner = Address(other.CreateSandbox(new SandboxSpec("inner") { Networks = ["net0"], Policy = FirewallSamples.Parse("version: 1\nmode: internal\ndns: true\n") }));
        var mute = Address(other.CreateSandbox(new SandboxSpec("mute") { Networks = ["net0"], Policy = FirewallSamples.Parse("version: 1\nmode: private\negress: public-internet\n") }));
        Assert.Equal(ResolverDecision.AllowedDomain, egress.Decide("net0", agent, "pypi.org"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", agent, "example.com"));
        Assert.Equal(ResolverDecision.Forward, egress.Decide("net0", open, "example.com"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", inner, "example.com"));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", mute, "example.com"));

        other.ApplyPolicy("open", FirewallSamples.Parse(DomainPolicy));
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", open, "example.com"));
        other.RemoveSandbox("agent", force: false);
        Assert.Equal(ResolverDecision.Refuse, egress.Decide("net0", agent, "pypi.org"));
    }

    [PrivilegedFact]
    public void Admit_DualStackNetwork_BothFamiliesInTheKernelsSets()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.66.0/24", Subnet6 = "fd00:99:66::/64" });
        var agent = env.Engine.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = FirewallSamples.Parse(DomainPolicy) });
        var endpoint = agent.Endpoints[0];
        var client6 = IpPrefix.Parse(endpoint.Address6!).Address;
        env.Engine.DomainEgress.Admit("net0", client6, "pypi.org", [IPAddress.Parse("2001:db8::6"), IPAddress.Parse(Pypi)], TimeSpan.FromMinutes(2));
        var table = Probe.Nft(env.HostName, "list", "table", "inet", "forgenet");
        Assert.Matches(@"set ep-\w+-dom6-\w+ \{[^}]*elements = \{ 2001:db8::6 timeout 2m expires", table);
        Assert.Matches(@"set ep-\w+-dom4-\w+ \{[^}]*elements = \{ 198\.19\.6\.1 timeout 2m expires", table);
        Assert.Contains($"ip6 daddr != {endpoint.Gateway6} udp dport 53 counter packets 0 bytes 0 drop", table);
    }

    [PrivilegedFact]
    public void Admit_SameTtlAgain_ExpiryStartsAgain()
    {
        using var env = new EngineSandbox();
        env.Engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = "10.99.67.0/24" });
        var agent = env.Engine.CreateSandbox(new SandboxSpec("agent") { Networks = ["net0"], Policy = FirewallSamples.Parse(DomainPolicy) });
        var client = Address(agent);
        var egress = env.Engine.DomainEgress;
        egress.Admit("net0", client, "pypi.org", [IPAddress.Parse(Pypi)], TimeSpan.FromMinutes(1));
        Thread.Sleep(TimeSpan.FromSeconds(3));
        egress.Admit("net0", client, "pypi.org", [IPAddress.Parse(Pypi)], TimeSpan.FromMinutes(1));
        // Not "expires 56s": the second answer started the minute again.
        Assert.Matches(@"198\.19\.6\.1 timeout 1m expires (59s|1m)", Probe.Nft(env.HostName, "list", "table", "inet", "forgenet"));
    }

    private static IPAddress Address(SandboxInfo sandbox) => IpPrefix.Parse(sandbox.Endpoints[0].Address4!).Address;
}
