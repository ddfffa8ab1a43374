namespace ForgeNet.Kernel.Nftables;

/// <summary>Chains, sets, elements and rules of the in-memory ruleset.</summary>
internal sealed partial class NftMemoryRuleset
{
    private static void ApplyChain(NftChainCommand c, TableData t)
    {
        var index = t.Chains.FindIndex(x => x.Name == c.Chain.Name);
        switch (c.Verb)
        {
            case NftVerb.Add when index < 0:
                t.Chains.Add(c.Chain with { Handle = t.NextHandle++ });
                break;
            case NftVerb.Delete:
                if (index < 0)
                    throw NotFound(c);
                t.Chains.RemoveAt(index);
                t.Rules.RemoveAll(r => r.Chain == c.Chain.Name);
                break;
            case NftVerb.Flush:
                if (index < 0)
                    throw NotFound(c);
                t.Rules.RemoveAll(r => r.Chain == c.Chain.Name);
                break;
        }
    }

    private static void ApplySet(NftSetCommand c, TableData t)
    {
        var index = t.Sets.FindIndex(x => x.Name == c.Set.Name && x.IsMap == c.Set.IsMap);
        switch (c.Verb)
        {
            case NftVerb.Add when index < 0:
                CheckTargets(c, t, c.Set.Elements);
                t.Sets.Add(c.Set with { Handle = t.NextHandle++, Elements = Distinct(c.Set.Elements) });
                break;
            case NftVerb.Add:
                CheckTargets(c, t, c.Set.Elements);
                t.Sets[index] = t.Sets[index] with { Elements = Distinct([.. t.Sets[index].Elements, .. c.Set.Elements]) };
                break;
            case NftVerb.Delete:
                if (index < 0)
                    throw NotFound(c);
                t.Sets.RemoveAt(index);
                break;
            case NftVerb.Flush:
                if (index < 0)
                    throw NotFound(c);
                t.Sets[index] = t.Sets[index] with { Elements = [] };
                break;
        }
    }

    private static void ApplyElements(NftElementCommand c, TableData t)
    {
        var index = t.Sets.FindIndex(x => x.Name == c.SetName);
        if (index < 0)
            throw NotFound(c);
        var set = t.Sets[index];
        if (c.Verb == NftVerb.Add)
        {
            CheckTargets(c, t, c.Elements);
            t.Sets[index] = set with { Elements = Distinct([.. set.Elements, .. c.Elements]) };
            return;
        }
        var keys = c.Elements.Select(e => e.Key.ToString()).ToHashSet();
        if (!keys.IsSubsetOf(set.Elements.Select(e => e.Key.ToString())))
            throw NotFound(c);
        t.Sets[index] = set with { Elements = [.. set.Elements.Where(e => !keys.Contains(e.Key.ToString()))] };
    }

    private static void ApplyRule(NftRuleCommand c, TableData t)
    {
        if (!t.Chains.Exists(x => x.Name == c.Rule.Chain))
            throw NotFound(c);
        if (c.Verb == NftVerb.Delete)
        {
            if (t.Rules.RemoveAll(r => r.Chain == c.Rule.Chain && r.Handle == c.Rule.Handle) == 0)
                throw NotFound(c);
            return;
        }
        CheckReferences(c, t);
        var rule = c.Rule with { Handle = t.NextHandle++ };
        if (c.Verb == NftVerb.Insert)
        {
            var first = t.Rules.FindIndex(r => r.Chain == rule.Chain);
            t.Rules.Insert(first < 0 ? t.Rules.Count : first, rule);
        }
        else
        {
            t.Rules.Add(rule);
        }
    }

    // The kernel refuses a rule that jumps to a missing chain or looks up a missing set.
    private static void CheckReferences(NftRuleCommand c, TableData t)
    {
        foreach (var statement in c.Rule.Statements)
        {
            var (target, setName) = statement switch
            {
                NftVerdictStatement { Verdict.Target: { } chain } => (chain, null),
                NftMatch { Right: NftSetRef r } => (null, r.Name),
                NftVerdictMap { Map: NftSetRef r } => (null, r.Name),
                _ => ((string?)null, (string?)null),
            };
            if (target is not null && !t.Chains.Exists(x => x.Name == target))
                throw NotFound(c);
            if (setName is not null && !t.Sets.Exists(x => x.Name == setName))
                throw NotFound(c);
        }
    }

    // A verdict-map element that jumps to a missing chain is refused like such a rule.
    private static void CheckTargets(NftCommand c, TableData t, IEnumerable<NftElement> elements)
    {
        foreach (var e in elements)
        {
            if (e.Value is NftVerdict { Target: { } chain } && !t.Chains.Exists(x => x.Name == chain))
                throw NotFound(c);
        }
    }

    // nft keeps one element per key; a later add of the same key leaves the first.
    private static NftElement[] Distinct(IEnumerable<NftElement> elements) =>
        [.. elements.DistinctBy(e => e.Key.ToString())];
}
