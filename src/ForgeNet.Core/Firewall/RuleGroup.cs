using System.Net.Sockets;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Policy rules that share a protocol part and scope, merged: the remote ends they allow (address ranges per family,
/// and peers by name, whose addresses live in shared peer sets) and their descriptions (the counters' comment).
/// </summary>
internal sealed class RuleGroup(FirewallScope scope, L4Match l4)
{
    private readonly List<string> _descriptions = [];
    private readonly HashSet<string> _descriptionSet = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _peers = new(StringComparer.Ordinal);

    // Added ranges are kept apart and merged once when first read: merging on every Add made a policy of N rules
    // that share a protocol part cost O(N² log N) (10,000 one-address rules took 8 s to compile).
    private readonly List<AddressRanges> _pending4 = [];
    private readonly List<AddressRanges> _pending6 = [];
    private AddressRanges? _addresses4;
    private AddressRanges? _addresses6;

    public FirewallScope Scope { get; } = scope;

    public L4Match L4 { get; } = l4;

    /// <summary>The same addresses for every endpoint (a preset): they go into one set the table shares, named by content.</summary>
    public bool Shared { get; init; }

    public AddressRanges Addresses4 => _addresses4 ??= Merged(AddressFamily.InterNetwork, _pending4);

    public AddressRanges Addresses6 => _addresses6 ??= Merged(AddressFamily.InterNetworkV6, _pending6);

    /// <summary>Sandbox names whose addresses the group allows.</summary>
    public IReadOnlyCollection<string> Peers => _peers;

    public IReadOnlyList<string> Descriptions => _descriptions;

    public AddressRanges AddressesOf(AddressFamily family) => family == AddressFamily.InterNetwork ? Addresses4 : Addresses6;

    public void Add(AddressRanges v4, AddressRanges v6, IEnumerable<string> peers, string? description)
    {
        if (!v4.IsEmpty) _pending4.Add(v4);
        if (!v6.IsEmpty) _pending6.Add(v6);
        (_addresses4, _addresses6) = (null, null);
        _peers.UnionWith(peers);
        if (description is not null && _descriptionSet.Add(description)) _descriptions.Add(description);
    }

    private static AddressRanges Merged(AddressFamily family, List<AddressRanges> pending) =>
        pending.Count == 0 ? AddressRanges.Empty(family) : AddressRanges.UnionAll(family, pending);

    /// <summary>True when the group allows nothing at all (no address, no peer).</summary>
    public bool IsEmpty => Addresses4.IsEmpty && Addresses6.IsEmpty && _peers.Count == 0;
}
