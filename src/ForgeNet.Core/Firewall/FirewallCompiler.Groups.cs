using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>Rule groups to nftables rules: one rule per group, address part and family, each with a counter.</summary>
internal static partial class FirewallCompiler
{
    /// <summary>More prefixes of one length than this go into a named set instead of an inline one.</summary>
    internal const int InlineSetLimit = 16;

    /// <summary>The longest rule comment, in UTF-8 bytes (nft takes 128).</summary>
    internal const int MaxComment = 120;

    private static readonly AddressFamily[] Families = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    /// <summary>Whether a chain's rules match the remote end by destination (egress) or by source (ingress).</summary>
    private enum Direction
    {
        Egress,
        Ingress,
    }

    /// <summary>Emits the groups of <paramref name="scope"/> into <paramref name="chain"/>; each allowed packet gets <paramref name="allow"/>.</summary>
    private static void EmitGroups(CompiledEndpoint c, NftTable table, string chain, IReadOnlyList<RuleGroup> groups,
        FirewallScope scope, Direction direction, NftVerdict allow)
    {
        foreach (var group in groups.Where(g => g.Scope.HasFlag(scope) && !g.IsEmpty))
        {
            foreach (var address in AddressParts(c, table, chain, group, direction))
            {
                var rule = group.L4.Apply(address(NftRule.In(table, chain))).Counter().Verdict(allow);
                var comment = Comment(group.Descriptions);
                c.Add((comment is null ? rule : rule.Comment(comment)).Build());
            }
        }
    }

    // Each part matches the remote end one way: not at all (every address of both families), by family only,
    // by an address set, or by a peer's shared set.
    private static IEnumerable<Func<NftRuleBuilder, NftRuleBuilder>> AddressParts(CompiledEndpoint c, NftTable table, string chain,
        RuleGroup group, Direction direction)
    {
        var families = Families.Where(f => group.L4.Family is null || group.L4.Family == f).ToList();
        if (families.Count == 2 && group.Addresses4.IsAll && group.Addresses6.IsAll)
        {
            yield return b => b;
            yield break;
        }
        foreach (var family in families)
        {
            var field = AddressField(family, direction);
            var ranges = group.AddressesOf(family);
            // Between two ports of a bridge only its subnets and link-local addresses occur as sources (anti-spoofing
            // sees to that), and those plus multicast and broadcast as destinations: the bridge table needs no more
            // of a long CIDR list than what lies in them.
            if (table.Family == NftFamily.Bridge && !ranges.IsAll)
                ranges = ranges.Intersect(OnLink(c.Endpoint.Network, family, direction));
            if (ranges.IsAll)
                yield return b => group.L4.Family is null ? FamilyOnly(b, table, family) : b;
            else if (!ranges.IsEmpty && group.Shared)
                yield return SharedSet(c, table, field, ranges);
            else if (!ranges.IsEmpty)
            {
                foreach (var part in AddressSets(c, table, chain, field, ranges))
                    yield return part;
            }
            foreach (var peer in group.Peers)
                yield return b => b.InSet(field, FirewallNames.PeerSet(peer, family));
        }
    }

    /// <summary>
    /// The address match of a rule group, one rule per prefix length (so per packet at most 33 or 129 lookups, whatever
    /// the number of addresses): a single prefix is matched as such, a few are an inline hash set looked up through the
    /// length's mask (<c>ip daddr &amp; 255.255.255.0 { … }</c>), more a named hash set. Never an interval set: nft
    /// 1.0.6 reads every interval set of a table back into userspace before any element change in that table, and
    /// loads a hash set of 10,000 elements about three times faster.
    /// </summary>
    private static IEnumerable<Func<NftRuleBuilder, NftRuleBuilder>> AddressSets(CompiledEndpoint c, NftTable table, string chain, NftExpr field, AddressRanges ranges)
    {
        var type = ranges.Family == AddressFamily.InterNetwork ? NftDataType.Ipv4Addr : NftDataType.Ipv6Addr;
        string? hash = null;
        var parts = new List<Func<NftRuleBuilder, NftRuleBuilder>>();
        foreach (var (length, networks) in PrefixesByLength(ranges))
        {
            if (networks.Count == 1)
            {
                var prefix = NftValue.Prefix(new Kernel.IpPrefix(networks[0], length));
                parts.Add(b => b.Match(field, prefix));
                continue;
            }
            var masked = Masked(field, ranges.Family, length);
            if (networks.Count <= InlineSetLimit)
            {
                var values = networks.Select(NftValue.Address).ToArray();
                parts.Add(b => b.Match(masked, NftValue.Set(values)));
                continue;
            }
            var name = $"{FirewallNames.GroupSet(chain, ranges.Family, hash ??= ranges.ContentHash())}-{length}";
            var elements = new NftElement[networks.Count];
            for (var i = 0; i < elements.Length; i++) elements[i] = new NftElement(NftValue.Address(networks[i]));
            AddSet(c, NftSet.Of(table, name, type) with { Elements = elements });
            parts.Add(b => b.InSet(masked, name));
        }
        return parts;
    }

    /// <summary>The ranges' CIDR blocks by prefix length, longest first, each list in address order.</summary>
    private static SortedDictionary<int, List<IPAddress>> PrefixesByLength(AddressRanges ranges)
    {
        var byLength = new SortedDictionary<int, List<IPAddress>>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var (network, length) in ranges.ToPrefixes())
        {
            if (!byLength.TryGetValue(length, out var networks)) byLength[length] = networks = [];
            networks.Add(network);
        }
        return byLength;
    }

    /// <summary>
    /// A preset's addresses: the same for every endpoint that uses it, so one interval set (a few dozen intervals)
    /// shared by the table and named by its contents. It stays until the next full rebuild, as endpoints come and go.
    /// </summary>
    private static Func<NftRuleBuilder, NftRuleBuilder> SharedSet(CompiledEndpoint c, NftTable table, NftExpr field, AddressRanges ranges)
    {
        var type = ranges.Family == AddressFamily.InterNetwork ? NftDataType.Ipv4Addr : NftDataType.Ipv6Addr;
        var name = FirewallNames.SharedSet(ranges.Family, ranges.ContentHash());
        if (!c.SharedSets.Any(s => s.Table == table && s.Name == name))
            c.SharedSets.Add(NftSet.Of(table, name, type) with { Flags = NftSetFlags.Interval, Elements = [.. ranges.ToValues().Select(v => new NftElement(v))] });
        return b => b.InSet(field, name);
    }

    private static void AddSet(CompiledEndpoint c, NftSet set)
    {
        if (!c.Sets.Any(s => s.Table == set.Table && s.Name == set.Name)) c.Sets.Add(set);
    }

    /// <summary><c>ip daddr &amp; 255.255.255.0</c>: the address with its host bits cleared (the field itself for a full-length prefix).</summary>
    private static NftExpr Masked(NftExpr field, AddressFamily family, int length)
    {
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        if (length == bits) return field;
        var mask = Kernel.IpPrefix.Mask(family == AddressFamily.InterNetwork ? IPAddress.Broadcast : IPAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), length);
        var payload = (NftPayload)field;
        return new NftRawExpr($$$"""{"&":[{"payload":{"protocol":"{{{payload.Protocol}}}","field":"{{{payload.Field}}}"}},"{{{mask}}}"]}""");
    }

    private static readonly AddressRanges LinkLocal6 = Ranges(AddressFamily.InterNetworkV6, "fe80::/10");
    private static readonly AddressRanges Multicast4 = Ranges(AddressFamily.InterNetwork, "224.0.0.0/4", "255.255.255.255/32");
    private static readonly AddressRanges Multicast6 = Ranges(AddressFamily.InterNetworkV6, "ff00::/8");

    private static AddressRanges OnLink(FirewallNetwork network, AddressFamily family, Direction direction)
    {
        var local = AddressRanges.Of(family, network.Subnets);
        if (family == AddressFamily.InterNetworkV6) local = local.Union(LinkLocal6);
        if (direction == Direction.Egress) local = local.Union(family == AddressFamily.InterNetwork ? Multicast4 : Multicast6);
        return local;
    }

    private static AddressRanges Ranges(AddressFamily family, params string[] prefixes) =>
        AddressRanges.Of(family, prefixes.Select(Kernel.IpPrefix.Parse));

    private static NftExpr AddressField(AddressFamily family, Direction direction) => (family, direction) switch
    {
        (AddressFamily.InterNetwork, Direction.Egress) => NftExpr.IpDaddr,
        (AddressFamily.InterNetwork, _) => NftExpr.IpSaddr,
        (_, Direction.Egress) => NftExpr.Ip6Daddr,
        _ => NftExpr.Ip6Saddr,
    };

    /// <summary>Restricts a rule to one IP version: <c>meta nfproto</c> in inet, the ethertype on a bridge.</summary>
    private static NftRuleBuilder FamilyOnly(NftRuleBuilder b, NftTable table, AddressFamily family) => table.Family == NftFamily.Bridge
        ? b.Match(EtherType, NftValue.String(family == AddressFamily.InterNetwork ? "ip" : "ip6"))
        : b.IpVersion(family);

    private static readonly NftExpr EtherType = NftExpr.Payload("ether", "type");

    /// <summary>The descriptions of a group as one rule comment nft accepts (at most 128 bytes, no double quotes).</summary>
    private static string? Comment(IReadOnlyList<string> descriptions)
    {
        if (descriptions.Count == 0) return null;
        // Only the first few descriptions can fit: a group of 10,000 rules must not build (and trim) a 100 kB string.
        var joined = new System.Text.StringBuilder();
        foreach (var description in descriptions)
        {
            if (joined.Length > MaxComment) break;
            if (joined.Length > 0) joined.Append("; ");
            joined.Append(description);
        }
        var text = new string(joined.ToString().Select(ch => ch == '"' ? '\'' : char.IsControl(ch) ? ' ' : ch).ToArray());
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= MaxComment) return text;
        // Cut at a character boundary so the UTF-8 form fits with the ellipsis.
        var length = Math.Min(text.Length, MaxComment - 3);
        while (System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > MaxComment - 3) length--;
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length] + "...";
    }
}
