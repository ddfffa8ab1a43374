using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Policy rules that share a protocol part and scope, merged: the remote ends they allow (address ranges per family,
/// and peers by name, whose addresses live in shared peer sets) and their descriptions (the counters' comment).
/// </summary>
internal sealed class RuleGroup(FirewallScope scope, L4Match l4)
{
    /// <summary>Descriptions are kept until they join to more than this many characters: a rule comment shows no more.</summary>
    internal const int DescriptionBudget = FirewallCompiler.MaxComment;

    private readonly List<string> _descriptions = [];
    private readonly HashSet<string> _descriptionSet = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _peers = new(StringComparer.Ordinal);
    private int _descriptionLength;

    // Added addresses are collected and merged once when first read: merging on every Add made a policy of N rules
    // that share a protocol part cost O(N² log N) (10,000 one-address rules took 8 s to compile).
    private readonly AddressRanges.Builder _pending4 = new(AddressFamily.InterNetwork);
    private readonly AddressRanges.Builder _pending6 = new(AddressFamily.InterNetworkV6);
    private AddressRanges? _addresses4;
    private AddressRanges? _addresses6;

    public FirewallScope Scope { get; } = scope;

    public L4Match L4 { get; } = l4;

    /// <summary>The same addresses for every endpoint (a preset): they go into one set the table shares, named by content.</summary>
    public bool Shared { get; init; }

    public AddressRanges Addresses4 => _addresses4 ??= _pending4.Build();

    public AddressRanges Addresses6 => _addresses6 ??= _pending6.Build();

    /// <summary>Sandbox names whose addresses the group allows.</summary>
    public IReadOnlyCollection<string> Peers => _peers;

    /// <summary>
    /// The distinct descriptions of the group's rules, in order, as far as a comment can show them: once they join
    /// to more than <see cref="DescriptionBudget"/> characters, later ones are not kept.
    /// </summary>
    public IReadOnlyList<string> Descriptions => _descriptions;

    public AddressRanges AddressesOf(AddressFamily family) => family == AddressFamily.InterNetwork ? Addresses4 : Addresses6;

    public void Add(AddressRanges v4, AddressRanges v6, IEnumerable<string> peers, string? description)
    {
        _pending4.Add(v4);
        _pending6.Add(v6);
        (_addresses4, _addresses6) = (null, null);
        _peers.UnionWith(peers);
        AddDescription(description);
    }

    /// <summary>A policy rule's remote ends: its CIDRs (either family) and its peer selectors, by key.</summary>
    public void Add(EquatableArray<IPNetwork> cidrs, EquatableArray<PeerSelector> peers, string? description)
    {
        foreach (var cidr in cidrs)
            (cidr.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? _pending4 : _pending6).Add(cidr);
        (_addresses4, _addresses6) = (null, null);
        foreach (var peer in peers) _peers.Add(peer.Key);
        AddDescription(description);
    }

    private void AddDescription(string? description)
    {
        if (description is null || _descriptionLength > DescriptionBudget || !_descriptionSet.Add(description)) return;
        _descriptionLength += (_descriptions.Count > 0 ? 2 : 0) + description.Length;
        _descriptions.Add(description);
    }

    /// <summary>True when the group allows nothing at all (no address, no peer).</summary>
    public bool IsEmpty => Addresses4.IsEmpty && Addresses6.IsEmpty && _peers.Count == 0;
}
