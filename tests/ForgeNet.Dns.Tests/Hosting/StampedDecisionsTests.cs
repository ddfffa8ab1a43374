using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Dns.Hosting;
using ForgeNet.Dns.Tests.Fakes;

namespace ForgeNet.Dns.Tests.Hosting;

public class StampedDecisionsTests
{
    private static readonly IPAddress Client = IPAddress.Parse("10.99.0.5");

    [Fact]
    public void Decide_SameQuestionStoreUnchanged_EngineAskedOnce()
    {
        var engine = new FakeEgress();
        var decisions = new StampedDecisions(engine, () => 1);

        var first = decisions.Decide("net0", Client, "pypi.org");
        var second = decisions.Decide("net0", Client, "pypi.org");
        decisions.Decide("net0", IPAddress.Parse("10.99.0.6"), "pypi.org");

        Assert.Equal(ResolverDecision.Forward, first);
        Assert.Equal(ResolverDecision.Forward, second);
        Assert.Equal(["pypi.org", "pypi.org"], engine.Decided); // once per client
    }

    [Fact]
    public void Decide_StoreChanged_EngineAskedAgainAndItsNewDecisionUsed()
    {
        var engine = new FakeEgress();
        long generation = 1;
        var decisions = new StampedDecisions(engine, () => generation);
        Assert.Equal(ResolverDecision.Forward, decisions.Decide("net0", Client, "exfil.example"));

        engine.Rule = _ => ResolverDecision.Refuse; // a new policy committed
        var stale = decisions.Decide("net0", Client, "exfil.example");
        generation = 2; // ...and noticed by the zones' change check
        var fresh = decisions.Decide("net0", Client, "exfil.example");

        Assert.Equal(ResolverDecision.Forward, stale);
        Assert.Equal(ResolverDecision.Refuse, fresh);
        Assert.Equal(2, engine.Decided.Count);
    }

    [Fact]
    public void Decide_MoreNamesThanTheCapacity_StartsOverAndStillDecidesEachRight()
    {
        var engine = new FakeEgress { Rule = name => name.StartsWith('r') ? ResolverDecision.Refuse : ResolverDecision.Forward };
        var decisions = new StampedDecisions(engine, () => 7);

        for (var i = 0; i < StampedDecisions.Capacity + 10; i++)
            Assert.Equal(i % 2 == 0 ? ResolverDecision.Refuse : ResolverDecision.Forward, decisions.Decide("net0", Client, $"{(i % 2 == 0 ? 'r' : 'f')}{i}.example"));
        engine.Decided.Clear();
        decisions.Decide("net0", Client, "r0.example"); // forgotten when the table started over

        Assert.Equal(["r0.example"], engine.Decided);
    }

    [Fact]
    public void Decide_EngineThrows_NotRemembered()
    {
        var engine = new FakeEgress();
        var fail = true;
        engine.Rule = _ => fail ? throw new InvalidOperationException("store busy") : ResolverDecision.AllowedDomain;
        var decisions = new StampedDecisions(engine, () => 1);

        Assert.Throws<InvalidOperationException>(() => decisions.Decide("net0", Client, "pypi.org"));
        fail = false;

        Assert.Equal(ResolverDecision.AllowedDomain, decisions.Decide("net0", Client, "pypi.org"));
    }
}
