using ForgeNet.Core.Firewall;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Tests.Policy;

public class PeerSelectorKeyTests
{
    [Fact]
    public void Key_LabelSelector_SortedAndRoundTrips()
    {
        var selector = PeerSelector.ByLabels([new Label("tier", "front"), new Label("app", "web")]);

        Assert.Equal("labels:app=web,tier=front", selector.Key);
        Assert.Equal(selector, PeerSelector.FromKey(selector.Key));
        Assert.Equal(PeerSelector.ByName("db"), PeerSelector.FromKey("db"));
    }

    [Fact]
    public void Selects_LabelSelector_NeedsEveryLabel()
    {
        var selector = PeerSelector.ByLabels([new Label("app", "web"), new Label("tier", "front")]);

        Assert.True(selector.Selects("any", [new Label("tier", "front"), new Label("app", "web"), new Label("x", "y")]));
        Assert.False(selector.Selects("any", [new Label("app", "web")]));
        Assert.False(selector.Selects("any", [new Label("app", "web"), new Label("tier", "back")]));
        Assert.True(PeerSelector.ByName("db").Selects("db", []));
        Assert.False(PeerSelector.ByName("db").Selects("web", [new Label("app", "db")]));
    }

    [Fact]
    public void PeerSet_LabelKey_HashedAndDistinctFromNames()
    {
        var set = FirewallNames.PeerSet("labels:app=web", System.Net.Sockets.AddressFamily.InterNetwork);

        Assert.Matches("^peer4-l[0-9a-f]{12}$", set);
        Assert.NotEqual(set, FirewallNames.PeerSet("labels:app=db", System.Net.Sockets.AddressFamily.InterNetwork));
        Assert.Equal("peer6-db", FirewallNames.PeerSet("db", System.Net.Sockets.AddressFamily.InterNetworkV6));
    }
}
