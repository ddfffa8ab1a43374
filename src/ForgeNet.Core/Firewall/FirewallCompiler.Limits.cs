using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// <c>limits.packets</c> and <c>limits.connections</c> as nftables token buckets (<c>limit rate over … drop</c>).
/// Packets are counted where every frame the sandbox sends passes: its port's layer-2 chain. New connections are
/// counted where they are judged: in the inet egress chain by conntrack (<c>ct state new</c>), and on the bridge,
/// which has no conntrack, as TCP and UDP packets whose flow has no recorded reply tuple yet. The two tables keep
/// separate buckets, so a sandbox may open up to the rate to peers and the rate through the host.
/// </summary>
internal static partial class FirewallCompiler
{
    private const string PacketsComment = "limits.packets";
    private const string ConnectionsComment = "limits.connections";

    private static void PacketLimit(CompiledEndpoint c, NftTable t, string chain)
    {
        if (c.Endpoint.Policy.Limits.Packets is not { } limit) return;
        c.Add(NftRule.In(t, chain).Limit(Over(limit)).Counter().Drop().Comment(PacketsComment).Build());
    }

    private static void ConnectionLimitBridged(CompiledEndpoint c, NftTable t, string chain)
    {
        if (c.Endpoint.Policy.Limits.Connections is not { } limit) return;
        var tcpUdp = new[] { NftL4Proto.Tcp, NftL4Proto.Udp };
        foreach (var (source, destination, flows) in new[]
        {
            (NftExpr.IpSaddr, NftExpr.IpDaddr, FirewallNames.Flows4),
            (NftExpr.Ip6Saddr, NftExpr.Ip6Daddr, FirewallNames.Flows6),
        })
        {
            var reply = NftExpr.Concat(destination, source, NftExpr.L4Proto, NftExpr.ThDport, NftExpr.ThSport);
            c.Add(NftRule.In(t, chain).L4Proto(tcpUdp).NotInSet(reply, flows).Limit(Over(limit)).Counter().Drop().Comment(ConnectionsComment).Build());
        }
    }

    private static void ConnectionLimitRouted(CompiledEndpoint c, NftTable t, string chain)
    {
        if (c.Endpoint.Policy.Limits.Connections is not { } limit) return;
        c.Add(NftRule.In(t, chain).CtState(NftCtState.New).Limit(Over(limit)).Counter().Drop().Comment(ConnectionsComment).Build());
    }

    private static NftLimit Over(RateLimit limit) => new(limit.Rate, limit.Per switch
    {
        RateUnit.Second => NftTimeUnit.Second,
        RateUnit.Minute => NftTimeUnit.Minute,
        RateUnit.Hour => NftTimeUnit.Hour,
        _ => NftTimeUnit.Day,
    })
    {
        Burst = limit.Burst,
        Over = true,
    };
}
