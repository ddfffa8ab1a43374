using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Compiles endpoints and their policies into nftables transactions (docs/FIREWALL.md describes the layout). Pure:
/// inputs in, <see cref="NftTransaction"/> out. Incremental operations touch only one endpoint's chains, sets and map
/// elements and are idempotent (add before flush, add before delete), so they can be retried and commute with a
/// concurrent full <see cref="Rebuild"/>, which replaces both tables from the store's view.
/// </summary>
internal static partial class FirewallCompiler
{
    /// <summary>Both tables from scratch, atomically: the skeleton, then every endpoint. No endpoint: both tables deleted.</summary>
    public static NftTransaction Rebuild(FirewallInputs inputs)
    {
        if (inputs.Endpoints.Count == 0) return DeleteTables();
        var tx = new NftTransaction();
        AddSkeleton(tx);
        var compiled = inputs.Endpoints.Select(e => Compile(e, inputs)).ToList();
        foreach (var set in compiled.SelectMany(c => c.SharedSets).DistinctBy(s => (s.Table, s.Name)))
            tx.AddSet(set);
        foreach (var c in compiled)
            EmitAdd(tx, c, previous: null, fresh: true);
        return tx;
    }

    /// <summary>Deletes both tables if they exist.</summary>
    public static NftTransaction DeleteTables()
    {
        var tx = new NftTransaction();
        foreach (var table in FirewallNames.Tables)
            tx.DeleteTableIfExists(table);
        return tx;
    }

    /// <summary>Adds (or re-applies) an endpoint's chains, sets and map elements; the tables must exist. Returns what it owns.</summary>
    public static EndpointFootprint AddEndpoint(NftTransaction tx, FirewallEndpoint endpoint, FirewallInputs inputs)
    {
        var c = Compile(endpoint, inputs);
        EmitAdd(tx, c, previous: null, fresh: false);
        return EndpointFootprint.Of(c);
    }

    /// <summary>
    /// Replaces an endpoint's rules with those of <paramref name="updated"/> in place: its chains are flushed and refilled
    /// in the same batch, so no packet sees a half-applied policy; sets only <paramref name="previous"/> had are deleted.
    /// </summary>
    public static void ReplaceEndpoint(NftTransaction tx, FirewallEndpoint previous, FirewallEndpoint updated, FirewallInputs inputs) =>
        ReplaceEndpoint(tx, EndpointFootprint.Of(Compile(previous, inputs)), updated, inputs);

    /// <summary>
    /// <see cref="ReplaceEndpoint(NftTransaction, FirewallEndpoint, FirewallEndpoint, FirewallInputs)"/> with the previous
    /// endpoint's footprint, remembered from its own compile; returns the footprint of <paramref name="updated"/>.
    /// </summary>
    public static EndpointFootprint ReplaceEndpoint(NftTransaction tx, EndpointFootprint previous, FirewallEndpoint updated, FirewallInputs inputs)
    {
        var c = Compile(updated, inputs);
        EmitAdd(tx, c, previous, fresh: false);
        return EndpointFootprint.Of(c);
    }

    /// <summary>Removes an endpoint's chains, sets, map elements and peer-set elements, whether or not they exist.</summary>
    public static void RemoveEndpoint(NftTransaction tx, FirewallEndpoint endpoint, FirewallInputs inputs)
    {
        var c = Compile(endpoint, inputs);
        foreach (var chain in c.Chains) tx.AddChain(chain);
        foreach (var (table, map, elements) in Grouped(c.MapElements)) tx.AddElements(table, map, elements);
        foreach (var (table, map, elements) in Grouped(c.MapElements)) tx.DeleteElements(table, map, elements);
        // Its own addresses leave the peer sets of its name (created first if missing, so the delete cannot fail).
        var own = c.PeerElements.Select(e => (e.Table, e.Set)).ToHashSet();
        foreach (var set in c.PeerSets.Where(s => own.Contains((s.Table, s.Name)))) tx.AddSet(set with { Elements = [] });
        foreach (var (table, set, elements) in Grouped(c.PeerElements)) tx.AddElements(table, set, elements);
        foreach (var (table, set, elements) in Grouped(c.PeerElements)) tx.DeleteElements(table, set, elements);
        foreach (var chain in c.Chains) tx.FlushChain(chain.Table, chain.Name);
        foreach (var chain in c.Chains) tx.DeleteChain(chain.Table, chain.Name);
        foreach (var set in c.Sets) tx.AddSet(set with { Elements = [] }).DeleteSet(set.Table, set.Name);
    }

    /// <summary>Forgets a network: its bridge no longer counts as ours in the inet table.</summary>
    public static void RemoveNetwork(NftTransaction tx, FirewallNetwork network)
    {
        var t = FirewallNames.Inet;
        var bridged = BridgedElement(network);
        var bridge = new NftElement(NftValue.IfName(network.Bridge));
        var mac = new NftElement(NftValue.String(network.BridgeMac));
        tx.AddElements(t, FirewallNames.Bridged, bridged).DeleteElements(t, FirewallNames.Bridged, bridged)
            .AddElements(t, FirewallNames.Bridges, bridge).DeleteElements(t, FirewallNames.Bridges, bridge)
            .AddElements(t, FirewallNames.BridgeMacs, mac).DeleteElements(t, FirewallNames.BridgeMacs, mac);
        foreach (var subnet in network.Subnets)
        {
            var set = subnet.Family == System.Net.Sockets.AddressFamily.InterNetwork ? FirewallNames.Subnets4 : FirewallNames.Subnets6;
            var element = new NftElement(NftValue.Prefix(subnet));
            tx.AddElements(t, set, element).DeleteElements(t, set, element);
        }
    }

    /// <summary>Everything one endpoint owns in both tables.</summary>
    public static CompiledEndpoint Compile(FirewallEndpoint endpoint, FirewallInputs inputs)
    {
        var plan = EndpointPlan.For(endpoint, inputs);
        var c = new CompiledEndpoint(endpoint);
        CompileBridge(c, plan);
        CompileRouted(c, plan);
        var memberOf = MemberOf(endpoint, inputs.ReferencedPeers);
        var reads = plan.Peers.ToList();
        foreach (var table in FirewallNames.Tables)
        {
            // The sets this endpoint reads come with their members' current addresses; the sets it belongs to (its
            // name's, and those of label selectors that pick it) gain its addresses through PeerElements, so that
            // they leave with it.
            foreach (var key in reads)
                c.PeerSets.AddRange(PeerSets(table, key, inputs.PeerAddresses.GetValueOrDefault(key) ?? []));
            foreach (var key in memberOf.Where(k => !reads.Contains(k, StringComparer.Ordinal)))
                c.PeerSets.AddRange(PeerSets(table, key, []));
            foreach (var key in memberOf)
            {
                foreach (var address in endpoint.AddressesOf(System.Net.Sockets.AddressFamily.InterNetwork).Concat(endpoint.Addresses6))
                    c.PeerElements.Add((table, FirewallNames.PeerSet(key, address.AddressFamily), new NftElement(NftValue.Address(address))));
            }
        }
        return c;
    }

    /// <summary>The peer selectors some policy uses (by key) that pick this endpoint's sandbox: by name or by its labels.</summary>
    private static List<string> MemberOf(FirewallEndpoint endpoint, IReadOnlySet<string> referenced) =>
        referenced.Where(key => key == endpoint.SandboxName
                || (key.StartsWith(PeerSelector.LabelKeyPrefix, StringComparison.Ordinal) && PeerSelector.FromKey(key).Selects(endpoint.SandboxName, endpoint.Labels)))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void EmitAdd(NftTransaction tx, CompiledEndpoint c, EndpointFootprint? previous, bool fresh)
    {
        foreach (var set in c.PeerSets) tx.AddSet(set);
        // A rebuild adds the shared sets once, before every endpoint; an incremental change adds them again (idempotent).
        foreach (var set in fresh ? [] : c.SharedSets)
            tx.AddSet(set);
        foreach (var chain in c.Chains)
        {
            tx.AddChain(chain);
            if (!fresh) tx.FlushChain(chain.Table, chain.Name);
        }
        if (previous is not null) EmitObsolete(tx, c, previous);
        // Sets are named after their contents: one the previous policy had is already right. A new one is defined
        // with its elements in one command, which nft handles several times faster than elements added afterwards.
        foreach (var set in c.Sets)
        {
            if (previous?.HasSet(set.Table, set.Name) != true) tx.AddSet(set);
        }
        foreach (var rule in c.Rules) tx.AddRule(rule);
        foreach (var (table, map, elements) in Grouped(c.MapElements.Concat(c.SharedElements))) tx.AddElements(table, map, elements);
        foreach (var (table, set, elements) in Grouped(c.PeerElements)) tx.AddElements(table, set, elements);
    }

    /// <summary>Deletes what only the previous policy had: map elements, chains and sets.</summary>
    private static void EmitObsolete(NftTransaction tx, CompiledEndpoint c, EndpointFootprint previous)
    {
        // Elements only the previous policy had (a mode change moves an address between the NAT and confinement sets).
        var keep = c.MapElements.Select(x => (x.Table, x.Map, x.Element.Key.ToString())).ToHashSet();
        var obsolete = previous.MapElements.Where(x => !keep.Contains((x.Table, x.Map, x.Element.Key.ToString())));
        foreach (var (table, map, elements) in Grouped(obsolete)) tx.AddElements(table, map, elements).DeleteElements(table, map, elements);
        // Chains only the previous policy had (its DNAT chain, when it published ports), now that nothing jumps to them.
        foreach (var old in previous.Chains.Where(o => !c.Chains.Any(n => n.Table == o.Table && n.Name == o.Name)))
            tx.FlushChain(old.Table, old.Name).DeleteChain(old.Table, old.Name);
        // The flush above dropped every rule that read a set the new policy no longer has.
        // No "add" first (as elsewhere): for an interval set nft would read all its elements back. Should one be missing,
        // the batch fails and the engine rebuilds from the store instead.
        var current = c.Sets.Select(s => (s.Table, s.Name)).ToHashSet();
        foreach (var (table, name) in previous.Sets.Where(o => !current.Contains(o)))
            tx.DeleteSet(table, name);
    }

    /// <summary>Elements per set, in first-seen order: one command (one netlink message) per set instead of per element.</summary>
    private static IEnumerable<(NftTable Table, string Set, NftElement[] Elements)> Grouped(IEnumerable<(NftTable Table, string Set, NftElement Element)> elements) =>
        elements.GroupBy(e => (e.Table, e.Set)).Select(g => (g.Key.Table, g.Key.Set, g.Select(e => e.Element).ToArray()));
}
