using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Every nftables object one endpoint owns or touches, in both tables: its chains and their rules, its named address
/// sets, its elements in the shared dispatch maps, and the shared peer sets it reads or belongs to. The compiler turns
/// this into add, replace or remove commands; all of them are idempotent, so a retry or a concurrent rebuild converges.
/// </summary>
internal sealed class CompiledEndpoint(FirewallEndpoint endpoint)
{
    public FirewallEndpoint Endpoint { get; } = endpoint;

    public List<NftChain> Chains { get; } = [];

    public List<NftRule> Rules { get; } = [];

    /// <summary>Named sets of rule groups too big to write inline, with their elements.</summary>
    public List<NftSet> Sets { get; } = [];

    /// <summary>Sets shared by every endpoint with the same contents (presets): added with it, never removed with it.</summary>
    public List<NftSet> SharedSets { get; } = [];

    /// <summary>Elements of shared verdict maps that dispatch to this endpoint's chains.</summary>
    public List<(NftTable Table, string Map, NftElement Element)> MapElements { get; } = [];

    /// <summary>Elements the endpoint needs but shares with others (its network's): added with it, never removed with it.</summary>
    public List<(NftTable Table, string Map, NftElement Element)> SharedElements { get; } = [];

    /// <summary>Peer sets (without elements) this endpoint reads or belongs to.</summary>
    public List<NftSet> PeerSets { get; } = [];

    /// <summary>This endpoint's own addresses in the peer sets of its sandbox's name.</summary>
    public List<(NftTable Table, string Set, NftElement Element)> PeerElements { get; } = [];

    /// <summary>Adds a finished rule; rules keep their order within a chain.</summary>
    public void Add(NftRule rule) => Rules.Add(rule);
}
