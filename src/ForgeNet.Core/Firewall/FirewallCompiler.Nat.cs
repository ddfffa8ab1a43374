using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Address translation and confinement in the inet table. Mode private: the sandbox's packets leaving through an
/// interface that is not one of our bridges are masqueraded (never on a network made internal). Modes internal and
/// peer-only: nothing is forwarded between a sandbox and an interface that is not one of our bridges, whatever the
/// rules say ("no route off the host").
/// </summary>
internal static partial class FirewallCompiler
{
    /// <summary>nft's srcnat priority: after routing decided the output interface.</summary>
    public const int SourceNatPriority = 100;

    private static void AddNatSets(NftTransaction tx, NftTable t)
    {
        tx.AddSet(NftSet.Of(t, FirewallNames.Bridges, NftDataType.IfName));
        tx.AddSet(NftSet.Of(t, FirewallNames.BridgeMacs, NftDataType.EtherAddr));
        foreach (var name in new[] { FirewallNames.Masquerade4, FirewallNames.Confined4 })
            tx.AddSet(NftSet.Of(t, name, NftDataType.Ipv4Addr));
        foreach (var name in new[] { FirewallNames.Masquerade6, FirewallNames.Confined6 })
            tx.AddSet(NftSet.Of(t, name, NftDataType.Ipv6Addr));
    }

    private static void AddNatChains(NftTransaction tx, NftTable t) =>
        tx.AddChain(NftChain.Base(t, FirewallNames.Postrouting, NftChainType.Nat, NftHook.Postrouting, SourceNatPriority));

    private static IEnumerable<NftRule> NatRules(NftTable t)
    {
        foreach (var (field, set) in new[] { (NftExpr.IpSaddr, FirewallNames.Masquerade4), (NftExpr.Ip6Saddr, FirewallNames.Masquerade6) })
        {
            yield return NftRule.In(t, FirewallNames.Postrouting).InSet(field, set).NotInSet(NftExpr.OifName, FirewallNames.Bridges)
                .Counter().Masquerade().Comment("mode private: out through the host").Build();
        }
    }

    /// <summary>First in the forward chain, before replies are accepted: a confined sandbox's flows never leave the host.</summary>
    private static IEnumerable<NftRule> ConfinementRules(NftTable t)
    {
        const string comment = "modes internal and peer-only: no route off the host";
        foreach (var (source, destination, set) in new[]
        {
            (NftExpr.IpSaddr, NftExpr.IpDaddr, FirewallNames.Confined4),
            (NftExpr.Ip6Saddr, NftExpr.Ip6Daddr, FirewallNames.Confined6),
        })
        {
            yield return NftRule.In(t, "forward").InSet(source, set).NotInSet(NftExpr.OifName, FirewallNames.Bridges).Counter().Drop().Comment(comment).Build();
            yield return NftRule.In(t, "forward").InSet(destination, set).NotInSet(NftExpr.IifName, FirewallNames.Bridges).Counter().Drop().Comment(comment).Build();
        }
    }

    /// <summary>The endpoint's addresses in the masquerade or confinement sets (link-local addresses are never routed).</summary>
    private static void CompileNat(CompiledEndpoint c)
    {
        var e = c.Endpoint;
        var sets = e.Policy.Mode switch
        {
            PolicyMode.Private when !e.Network.Internal => (V4: FirewallNames.Masquerade4, V6: FirewallNames.Masquerade6),
            PolicyMode.Internal or PolicyMode.PeerOnly => (V4: FirewallNames.Confined4, V6: FirewallNames.Confined6),
            _ => default,
        };
        if (sets.V4 is null) return;
        if (e.Address4 is { } a4) c.MapElements.Add((FirewallNames.Inet, sets.V4, new NftElement(NftValue.Address(a4))));
        if (e.Address6 is { } a6) c.MapElements.Add((FirewallNames.Inet, sets.V6, new NftElement(NftValue.Address(a6))));
    }

    /// <summary>True when the endpoint's packets may be masqueraded out, so the host must forward.</summary>
    public static bool NeedsForwarding(FirewallEndpoint e) => e.Policy.Mode == PolicyMode.Private && !e.Network.Internal;
}
