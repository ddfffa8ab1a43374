using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Ipam;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core.Operations;

/// <summary>A validated <see cref="SandboxSpec"/>: every check that needs no kernel work, done before any.</summary>
internal sealed record SandboxRequest(string Name, string Namespace, IsolationMode Isolation, NetworkPolicy Policy,
    ProcessIdentity? Owner, IReadOnlyList<AttachmentPlan> Attachments)
{
    /// <summary>The runtime's namespace path; null when ForgeNet makes the namespace (<see cref="Namespace"/>).</summary>
    public string? ExternalPath { get; init; }

    /// <summary>The runtime's container id, if any.</summary>
    public string? ContainerId { get; init; }

    /// <summary>The sandbox's labels, checked and sorted by key.</summary>
    public IReadOnlyList<Label> Labels { get; init; } = [];

    /// <summary>Validates the spec; <paramref name="findNetwork"/> looks networks up in the store.</summary>
    public static SandboxRequest Validate(SandboxSpec spec, string namespacePrefix, Func<string, NetworkRecord?> findNetwork)
    {
        Names.Validate("sandbox", spec.Name);
        var netns = namespacePrefix + spec.Name;
        if (!NetNs.IsValidName(netns))
            throw ForgeException.Invalid($"namespace name '{netns}' is not valid");
        var networks = Networks(spec.Networks, findNetwork);
        var (isolation, policy) = ResolvePolicy(spec, networks.Count);
        var owner = CaptureOwner(spec.OwnerPid);
        var requested = Requested(spec.RequestedAddresses, networks);
        var attachments = networks.Select((n, i) => new AttachmentPlan(n.Name, i,
            requested.GetValueOrDefault((n.Name, AddressFamily.InterNetwork)),
            requested.GetValueOrDefault((n.Name, AddressFamily.InterNetworkV6)))).ToList();
        return new SandboxRequest(spec.Name, netns, isolation, policy, owner, AttachmentOptions.Apply(spec, attachments))
        {
            ExternalPath = spec.NamespacePath,
            ContainerId = spec.ContainerId,
            Labels = CheckLabels(spec.Labels),
        };
    }

    private static Label[] CheckLabels(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in labels)
        {
            if (!PeerSelector.IsValidLabelKey(key))
                throw ForgeException.Invalid($"label key '{key}' is not valid: a name of up to 63 characters from [A-Za-z0-9_.-], optionally after a DNS prefix and '/'");
            if (!PeerSelector.IsValidLabelValue(value))
                throw ForgeException.Invalid($"label value '{value}' of {key} is not valid: up to 63 characters from [A-Za-z0-9_.-], starting and ending with a letter or digit");
        }
        return labels.Select(l => new Label(l.Key, l.Value)).OrderBy(l => l.Key, StringComparer.Ordinal).ToArray();
    }

    private static List<NetworkRecord> Networks(IReadOnlyList<string> names, Func<string, NetworkRecord?> findNetwork)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw ForgeException.Invalid($"network {duplicate.Key} is listed twice");
        return names.Select(name =>
        {
            Names.Validate("network", name);
            return findNetwork(name) ?? throw ForgeException.NotFound($"network {name} not found");
        }).ToList();
    }

    // The policy's mode wins when no isolation is asked for; asking for a different one is a contradiction.
    private static (IsolationMode, NetworkPolicy) ResolvePolicy(SandboxSpec spec, int networkCount)
    {
        var policy = spec.Policy is { } p ? CheckPolicy(p) : null;
        var fromPolicy = policy is null ? (IsolationMode?)null : IsolationPolicies.FromPolicyMode(policy.Mode);
        if (fromPolicy is { } m && spec.Isolation is { } asked && asked != m)
            throw ForgeException.Invalid($"isolation {Describe(asked)} contradicts the policy's mode {policy!.Mode.ToName()}");
        var mode = fromPolicy ?? spec.Isolation ?? (networkCount > 0 ? IsolationMode.Internal : IsolationMode.LoopbackOnly);
        if (mode == IsolationMode.LoopbackOnly && networkCount > 0)
            throw ForgeException.Invalid("isolation loopback-only allows no networks");
        if (mode == IsolationMode.Host && spec.NamespacePath is not null)
            throw ForgeException.Invalid("mode host uses the host's own namespace: it cannot be put in a runtime's namespace");
        if (mode == IsolationMode.Host && networkCount > 0)
            throw ForgeException.Invalid("mode host uses the host's own network: it allows no networks (remove them, or choose mode private, internal or peer-only)");
        if (mode.HasNetwork() && networkCount == 0)
            throw ForgeException.Invalid($"isolation {Describe(mode)} needs at least one network");
        return (mode, policy ?? mode.DefaultPolicy());
    }

    private static NetworkPolicy CheckPolicy(NetworkPolicy policy)
    {
        try
        {
            policy.Validate();
            return policy;
        }
        catch (PolicyException e)
        {
            throw ForgeException.Invalid($"invalid policy: {e.Message}");
        }
    }

    private static string Describe(IsolationMode mode) => mode.ToPolicyMode().ToName();

    private static ProcessIdentity? CaptureOwner(int? pid) => pid switch
    {
        null => null,
        _ => ProcessIdentity.Capture(pid.Value) ?? throw ForgeException.Invalid($"owner process {pid} is not running"),
    };

    private static Dictionary<(string, AddressFamily), IPAddress> Requested(IReadOnlyList<string> texts, List<NetworkRecord> networks)
    {
        var result = new Dictionary<(string, AddressFamily), IPAddress>();
        foreach (var text in texts)
        {
            var address = ParseAddress(text);
            var network = networks.FirstOrDefault(n => n.Subnets.Any(s => new SubnetRange(s).Contains(address)))
                ?? throw ForgeException.Invalid($"requested address {text} is in none of the sandbox's networks");
            var subnet = network.Subnets.First(s => s.Family == address.AddressFamily);
            AddressAllocator.CheckRequested(new SubnetRange(subnet), address, network.Name);
            if (!result.TryAdd((network.Name, address.AddressFamily), address))
                throw ForgeException.Invalid($"more than one {(address.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address requested on network {network.Name}");
        }
        return result;
    }

    // "10.89.0.5" or "10.89.0.5/24": the length, when given, is only a hint the subnet decides anyway.
    private static IPAddress ParseAddress(string text) =>
        IpPrefix.TryParse(text, out var prefix)
            ? prefix.Address
            : throw ForgeException.Invalid($"invalid requested address '{text}'");
}
