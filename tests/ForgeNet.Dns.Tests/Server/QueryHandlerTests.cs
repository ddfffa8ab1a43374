using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Tests.Server;

public class QueryHandlerTests
{
    [Fact]
    public void HandleAsync_SandboxName_AnswersAAndAaaaFromTheZoneWithoutAskingThePolicy()
    {
        using var world = new HandlerWorld();

        var a = world.Ask("web.net0.forge.internal", DnsType.A);
        var aaaa = world.Ask("WEB", DnsType.Aaaa);

        Assert.Equal(0x4242, Packets.Id(a));
        Assert.Equal(DnsType.NoError, Packets.Rcode(a));
        Assert.Equal("10.99.0.5", Assert.Single(Packets.Answers(a)).Data);
        Assert.Equal("fd00:99::5", Assert.Single(Packets.Answers(aaaa)).Data);
        Assert.Empty(world.Egress.Decided);
        Assert.Empty(world.Upstream.Log);
    }

    [Theory]
    [InlineData("5.0.99.10.in-addr.arpa", "web.net0.forge.internal")]
    [InlineData("5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.9.9.0.0.0.0.d.f.ip6.arpa", "web.net0.forge.internal")]
    public void HandleAsync_ReverseOfSandboxAddress_AnswersPtr(string name, string target)
    {
        using var world = new HandlerWorld();

        var answer = world.Ask(name, DnsType.Ptr);

        Assert.Equal(target, Assert.Single(Packets.Answers(answer)).Data);
    }

    [Theory]
    [InlineData("nobody.net0.forge.internal")]
    [InlineData("a.web.net0.forge.internal")]
    [InlineData("77.0.99.10.in-addr.arpa")]
    public void HandleAsync_UnknownNameUnderTheDomain_NxDomainNeverForwarded(string name)
    {
        using var world = new HandlerWorld();

        var answer = world.Ask(name, name.EndsWith("arpa", StringComparison.Ordinal) ? DnsType.Ptr : DnsType.A);

        Assert.Equal(DnsType.NxDomain, Packets.Rcode(answer));
        Assert.Empty(world.Upstream.Log);
        Assert.Equal(1, world.Counters.NxDomain);
    }

    [Fact]
    public void HandleAsync_RefusedName_RefusedCountedAndNeverReachesTheUpstream()
    {
        using var world = new HandlerWorld();
        world.Upstream.Add("exfil.example", IPAddress.Parse("198.18.5.5"));
        world.Egress.Rule = _ => ResolverDecision.Refuse;

        var answer = world.Ask("secret-data.exfil.example", DnsType.A);

        Assert.Equal(DnsType.Refused, Packets.Rcode(answer));
        Assert.Equal(1, world.Counters.Refused);
        Assert.Empty(world.Upstream.Log);
    }

    [Fact]
    public void HandleAsync_ForwardedName_AnswerFromUpstreamThenFromTheCacheUntilTheTtl()
    {
        using var world = new HandlerWorld();
        world.Upstream.Add("pypi.org", IPAddress.Parse("198.18.1.1"), ttl: 60);

        var first = world.Ask("pypi.org", DnsType.A, id: 1);
        world.Clock.Advance(TimeSpan.FromSeconds(20));
        var second = world.Ask("PyPI.org", DnsType.A, id: 2);
        world.Clock.Advance(TimeSpan.FromSeconds(41));
        world.Ask("pypi.org", DnsType.A, id: 3);

        Assert.Equal("198.18.1.1", Assert.Single(Packets.Answers(first)).Data);
        Assert.Equal(2, Packets.Id(second));
        Assert.Equal(40u, Assert.Single(Packets.Answers(second)).Ttl);
        Assert.Equal(2, world.Upstream.Count("pypi.org")); // the first and the one after the TTL ran out
        Assert.Equal(1, world.Counters.CacheHits);
    }

    [Fact]
    public void HandleAsync_AllowedDomainWithCnameChain_AdmitsTheFinalAddressesWithTheSmallestTtlBeforeAnswering()
    {
        using var world = new HandlerWorld();
        world.Upstream.AddCname("files.pythonhosted.org", "cdn.example.net", ttl: 30);
        world.Upstream.AddCname("cdn.example.net", "edge.example.net", ttl: 600);
        world.Upstream.Add("edge.example.net", IPAddress.Parse("198.18.2.1"), ttl: 120);
        world.Upstream.Add("edge.example.net", IPAddress.Parse("198.18.2.2"), ttl: 120);
        world.Egress.Rule = _ => ResolverDecision.AllowedDomain;

        var answer = world.Ask("files.pythonhosted.org", DnsType.A);

        Assert.Equal(4, Packets.Answers(answer).Count);
        var admitted = Assert.Single(world.Egress.Admitted);
        Assert.Equal("files.pythonhosted.org", admitted.Name);
        Assert.Equal(["198.18.2.1", "198.18.2.2"], admitted.Addresses.Select(a => a.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(30), admitted.Ttl);
    }

    [Fact]
    public void HandleAsync_AdmitFails_ServFailAndNoAddresses()
    {
        using var world = new HandlerWorld();
        world.Upstream.Add("pypi.org", IPAddress.Parse("198.18.1.1"));
        world.Egress.Rule = _ => ResolverDecision.AllowedDomain;
        world.Egress.FailAdmit = true;

        var answer = world.Ask("pypi.org", DnsType.A);

        Assert.Equal(DnsType.ServFail, Packets.Rcode(answer));
        Assert.Equal(0, Packets.AnswerCount(answer));
    }

    [Fact]
    public void HandleAsync_UpstreamTruncatesOverUdp_RetriesOverTcp()
    {
        using var world = new HandlerWorld();
        world.Upstream.Add("big.example", IPAddress.Parse("198.18.3.1"));
        world.Upstream.TruncateOverUdp["big.example"] = true;

        var answer = world.Ask("big.example", DnsType.A, edns: 1232);

        Assert.False(Packets.Truncated(answer));
        Assert.Equal("198.18.3.1", Assert.Single(Packets.Answers(answer)).Data);
        Assert.Equal(["udp big.example 1", "tcp big.example 1"], world.Upstream.Log);
    }

    [Fact]
    public void HandleAsync_AnswerLargerThanTheClientsUdpSize_TruncatedSoTheClientRetriesOverTcp()
    {
        using var world = new HandlerWorld();
        for (var i = 1; i <= 40; i++) world.Upstream.Add("many.example", IPAddress.Parse($"198.18.4.{i}"));

        var udp = world.Ask("many.example", DnsType.A);
        var tcp = world.Ask("many.example", DnsType.A, tcp: true);

        Assert.True(Packets.Truncated(udp));
        Assert.Equal(0, Packets.AnswerCount(udp));
        Assert.Equal(40, Packets.Answers(tcp).Count);
    }

    [Fact]
    public void HandleAsync_ClientWithoutEdns_GetsNoOptRecord()
    {
        using var world = new HandlerWorld();
        world.Upstream.Add("pypi.org", IPAddress.Parse("198.18.1.1"));

        var plain = world.Ask("pypi.org", DnsType.A);
        var edns = world.Ask("pypi.org", DnsType.A, edns: 4096);

        Assert.Equal(0, Packets.AdditionalCount(plain));
        Assert.Equal(1, Packets.AdditionalCount(edns));
        Assert.Contains("udp pypi.org 1", world.Upstream.Log); // forwarded once, with EDNS, answered both from it
    }

    [Fact]
    public async Task HandleAsync_OurOwnForwardedQueryComesBack_DroppedAsALoop()
    {
        using var world = new HandlerWorld();
        var forwarded = new ForwardedQuery(DnsQuery.TryParse(Packets.Query("loop.example", DnsType.A), out _)!);

        var answer = await world.Handler.HandleAsync(forwarded.Packet, HandlerWorld.Client, tcp: false, CancellationToken.None);

        Assert.Null(answer);
        Assert.Equal(1, world.Counters.Loops);
        Assert.Empty(world.Upstream.Log);
    }

    [Fact]
    public void HandleAsync_UpstreamSilent_ServFailWithinTheTimeout()
    {
        using var world = new HandlerWorld(upstreamTimeout: TimeSpan.FromMilliseconds(300));
        world.Upstream.RelayTo = new IPEndPoint(IPAddress.Loopback, 9); // the discard port: nobody answers

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var answer = world.Ask("slow.example", DnsType.A);

        Assert.Equal(DnsType.ServFail, Packets.Rcode(answer));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }
}
