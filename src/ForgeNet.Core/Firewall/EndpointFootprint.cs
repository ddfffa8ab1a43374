using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// What a policy change needs of an endpoint's previous compile: the chains and sets it owned and its elements in the
/// shared maps, so that those the new policy no longer has are deleted. Names only, not the sets' elements or the
/// rules: kept per endpoint between changes (<see cref="FootprintCache"/>), it must stay small.
/// </summary>
internal sealed class EndpointFootprint
{
    private readonly HashSet<(NftTable Table, string Name)> _sets;

    private EndpointFootprint(List<NftChain> chains, List<(NftTable Table, string Name)> sets,
        List<(NftTable Table, string Map, NftElement Element)> mapElements) =>
        (Chains, Sets, MapElements, _sets) = (chains, sets, mapElements, [.. sets]);

    /// <summary>The endpoint's own chains, in both tables.</summary>
    public IReadOnlyList<NftChain> Chains { get; }

    /// <summary>The endpoint's own named sets, by table and name, in compile order.</summary>
    public IReadOnlyList<(NftTable Table, string Name)> Sets { get; }

    /// <summary>The endpoint's elements in shared maps and sets (dispatch, NAT, publish).</summary>
    public IReadOnlyList<(NftTable Table, string Map, NftElement Element)> MapElements { get; }

    public static EndpointFootprint Of(CompiledEndpoint c) =>
        new([.. c.Chains], [.. c.Sets.Select(s => (s.Table, s.Name))], [.. c.MapElements]);

    /// <summary>True when the endpoint owned the set <paramref name="name"/> of <paramref name="table"/>.</summary>
    public bool HasSet(NftTable table, string name) => _sets.Contains((table, name));
}
