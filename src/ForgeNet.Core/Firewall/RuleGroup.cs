using System.Net.Sockets;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Policy rules that share a protocol part and scope, merged: the remote ends they allow (address ranges per family,
/// and peers by name, whose addresses live in shared peer sets) and their descriptions (the counters' comment).
/// </summary>
internal sealed class RuleGroup(FirewallScope scope, L4Match l4)
{
    private readonly List<string> _descriptions = [];
    private readonly SortedSet<string> _peers = new(StringComparer.Ordinal);

    public FirewallScope Scope { get; } = scope;

    public L4Match L4 { get; } = l4;

    /// <summary>The same addresses for every endpoint (a preset): they go into one set the table shares, named by content.</summary>
    public bool Shared { get; init; }

    public AddressRanges Addresses4 { get; private set; } = AddressRanges.Empty(AddressFamily.InterNetwork);

    public AddressRanges Addresses6 { get; private set; } = AddressRanges.Empty(AddressFamily.InterNetworkV6);

    /// <summary>Sandbox names whose addresses the group allows.</summary>
    public IReadOnlyCollection<string> Peers => _peers;

    public IReadOnlyList<string> Descriptions => _descriptions;

    public AddressRanges AddressesOf(AddressFamily family) => family == AddressFamily.InterNetwork ? Addresses4 : Addresses6;

    public void Add(AddressRanges v4, AddressRanges v6, IEnumerable<string> peers, string? description)
    {
        Addresses4 = Addresses4.Union(v4);
        Addresses6 = Addresses6.Union(v6);
        _peers.UnionWith(peers);
        if (description is not null && !_descriptions.Contains(description)) _descriptions.Add(description);
    }

    /// <summary>True when the group allows nothing at all (no address, no peer).</summary>
    public bool IsEmpty => Addresses4.IsEmpty && Addresses6.IsEmpty && _peers.Count == 0;
}
