using System.Net;

namespace ForgeNet.Core.Policy;

/// <summary>The selectors of one from/to list, gathered per kind; Add returns the kind and index for position tracking.</summary>
internal sealed class SelectorLists
{
    /// <summary>The keys of a selector mapping.</summary>
    public static readonly string[] Kinds = ["cidr", "peer", "labels", "domain", "preset"];

    public List<IPNetwork> Cidrs { get; } = [];

    public List<PeerSelector> Peers { get; } = [];

    public List<DomainPattern> Domains { get; } = [];

    public List<EgressPreset> Presets { get; } = [];

    public int Count => Cidrs.Count + Peers.Count + Domains.Count + Presets.Count;

    public (string Kind, int Index) Add(IPNetwork network) => Append(Cidrs, network, "cidr");

    public (string Kind, int Index) Add(PeerSelector peer) => Append(Peers, peer, "peer");

    public (string Kind, int Index) Add(DomainPattern domain) => Append(Domains, domain, "domain");

    public (string Kind, int Index) Add(EgressPreset preset) => Append(Presets, preset, "preset");

    private static (string Kind, int Index) Append<T>(List<T> list, T item, string kind)
    {
        list.Add(item);
        return (kind, list.Count - 1);
    }
}
