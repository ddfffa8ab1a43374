using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core;

/// <summary>The firewall's view of the store, and the repairs that compare it with the kernel (heal, gc, network removal).</summary>
public sealed partial class Engine
{
    private string? _rebuiltFor;

    /// <summary>The stored policy of a sandbox (parsed once per distinct text), or its mode's default.</summary>
    private NetworkPolicy PolicyOf(SandboxRecord sandbox) =>
        sandbox.PolicyYaml is { } yaml ? _policies.Parse(yaml, sandbox.Name) : sandbox.Isolation.DefaultPolicy();

    /// <summary>A sandbox's endpoints under <paramref name="policy"/>, in position order; call inside a store read or write.</summary>
    private List<FirewallEndpoint> Endpoints(SandboxRecord sandbox, NetworkPolicy policy)
    {
        var networks = _store.AllNetworks().ToDictionary(n => n.Id);
        return _store.EndpointsOf(sandbox.Id).Select(e => ToFirewall(sandbox, policy, e, networks[e.NetworkId])).ToList();
    }

    /// <summary>Every endpoint the store knows (only those of ready sandboxes, when asked); call inside a store read or write.</summary>
    private List<FirewallEndpoint> AllFirewallEndpoints(bool readyOnly, string? exclude)
    {
        var networks = _store.AllNetworks().ToDictionary(n => n.Id);
        var bySandbox = _store.AllEndpoints().ToLookup(e => e.SandboxId);
        var result = new List<FirewallEndpoint>();
        foreach (var sandbox in _store.AllSandboxes())
        {
            if (sandbox.Id == exclude || (readyOnly && sandbox.State != SandboxState.Ready)) continue;
            var policy = PolicyOf(sandbox);
            result.AddRange(bySandbox[sandbox.Id].OrderBy(e => e.Position).Select(e => ToFirewall(sandbox, policy, e, networks[e.NetworkId])));
        }
        return result;
    }

    private static FirewallEndpoint ToFirewall(SandboxRecord sandbox, NetworkPolicy policy, EndpointRecord e, NetworkRecord n) =>
        new(sandbox.Id, sandbox.Name, e.HostInterface, e.Mac, e.Address4?.Address, e.Address6?.Address, ToFirewall(n), policy)
        {
            Labels = sandbox.Labels,
        };

    // The bridge's MAC is derived from the network id (BridgeDriver), so the store knows it.
    private static FirewallNetwork ToFirewall(NetworkRecord n) =>
        new(n.Id, n.Name, n.Bridge, Names.FormatMac(Names.Mac(n.Id)), n.Subnet4, n.Gateway4, n.Subnet6, n.Gateway6, n.Internal);

    /// <summary>
    /// Inputs for compiling <paramref name="endpoints"/>, read from the store (call inside a store read or write): every
    /// network's subnets, the names some policy selects as a peer, the current addresses of the peers these endpoints'
    /// policies name, and the host's addresses when a policy uses a preset.
    /// </summary>
    private FirewallInputs InputsFor(IReadOnlyList<FirewallEndpoint> endpoints, bool readyPeersOnly = false)
    {
        var presets = endpoints.Any(e => e.Policy.Egress.Any(r => !r.Presets.IsEmpty));
        IReadOnlyList<IPAddress> host = presets
            ? KernelErrors.Do("list the host's addresses", () => _host.Netlink.ListAddresses().Select(a => a.Address.Address).ToList())
            : [];
        var peers = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.Ordinal);
        foreach (var name in endpoints.SelectMany(e => PeerKeys(e.Policy)).Distinct(StringComparer.Ordinal))
            peers[name] = PeerAddresses(name, readyPeersOnly);
        return new FirewallInputs(endpoints, host, _store.AllNetworks().SelectMany(n => n.Subnets).ToList())
        {
            ReferencedPeers = _store.ReferencedPeers(),
            PeerAddresses = peers,
        };
    }

    /// <summary>The keys of the peer selectors a policy uses: <c>{peer: name}</c> and <c>{labels: {...}}</c> (<see cref="PeerSelector.Key"/>).</summary>
    private static IEnumerable<string> PeerKeys(NetworkPolicy policy) =>
        policy.Ingress.Concat(policy.Egress).SelectMany(r => r.Peers).Select(p => p.Key).Distinct(StringComparer.Ordinal);

    /// <summary>Every address (link-local ones included) of the sandboxes a selector key picks; none when there is none.</summary>
    private List<IPAddress> PeerAddresses(string key, bool readyOnly = false)
    {
        var selector = PeerSelector.FromKey(key);
        var sandboxes = selector.Name is { } name
            ? _store.FindSandbox(name) is { } one ? [one] : []
            : _store.AllSandboxes().Where(s => selector.Selects(s.Name, s.Labels)).ToList();
        return sandboxes.Where(s => !readyOnly || s.State == SandboxState.Ready).SelectMany(s => _store.EndpointsOf(s.Id))
            .SelectMany(e => new[] { e.Address4?.Address, e.Address6?.Address, FirewallEndpoint.LinkLocalOf(e.Mac) })
            .OfType<IPAddress>()
            .ToList();
    }

    /// <summary>
    /// Mode private needs the host to forward (as podman's networks do): IPv4 always, IPv6 when the network has it,
    /// and route_localnet on the bridge of a sandbox that publishes ports.
    /// Internal and peer-only work with forwarding off, and their sandboxes are confined to our bridges when it is on.
    /// </summary>
    private void EnsureForwarding(IReadOnlyList<FirewallEndpoint> endpoints)
    {
        var routed = endpoints.Where(FirewallCompiler.NeedsForwarding).ToList();
        if (routed.Count == 0) return;
        Enable("net.ipv4.ip_forward");
        if (routed.Any(e => e.Network.Subnet6 is not null)) Enable("net.ipv6.conf.all.forwarding");
        // Published ports reach the sandbox from the host's 127.0.0.1 only if the bridge may route loopback sources.
        foreach (var bridge in routed.Where(e => !e.Policy.Ports.IsEmpty).Select(e => e.Network.Bridge).Distinct())
            Enable($"net/ipv4/conf/{bridge}/route_localnet");

        void Enable(string key) => KernelErrors.Do($"enable {key}", () =>
        {
            if (_host.ReadSysctl(key).Trim() != "1") _host.WriteSysctl(key, "1");
        });
    }

    /// <summary>
    /// A host port (and protocol) is published by one sandbox only: the publish map is keyed by protocol and port,
    /// whatever host address a mapping names. Call inside the store write that records the policy. Reads the ports each
    /// sandbox's record lists, not its policy: parsing every stored policy made each create slower with every sandbox.
    /// </summary>
    private void CheckPublishedPorts(NetworkPolicy policy, string? sandboxId)
    {
        if (policy.Ports.IsEmpty) return;
        foreach (var other in _store.AllSandboxes().Where(s => s.Id != sandboxId && s.Isolation == IsolationMode.Private && s.Published != ""))
        {
            IEnumerable<PortMapping> published = other.Published is { } text ? PublishedPorts.Parse(text, other.Name) : PolicyOf(other).Ports;
            foreach (var theirs in published)
            {
                if (policy.Ports.FirstOrDefault(mine => mine.HostPorts.Overlaps(theirs.HostPorts)) is { } clash)
                    throw ForgeException.InUse($"host port {clash.HostPorts} is already published by sandbox {other.Name} ('{theirs}')");
            }
        }
    }

    /// <summary>
    /// The watcher's check: when what ready sandboxes need is not all in the kernel, rebuild and say what was missing.
    /// The watcher checks again after a rebuild; should it find the same damage, the rebuild did not cure it,
    /// and it is reported (once) instead of rebuilt in a loop.
    /// </summary>
    private string? HealFirewall()
    {
        var damage = FindFirewallDamage();
        var what = string.Join("; ", damage);
        var rebuiltFor = _rebuiltFor;
        _rebuiltFor = null;
        if (damage.Count == 0) return null;
        if (what == rebuiltFor)
            throw new ForgeException(ErrorKind.Internal, $"firewall still damaged after a rebuild: {what}");
        RebuildFirewall();
        _rebuiltFor = what;
        return what;
    }

    /// <summary>
    /// What ready sandboxes need and the kernel lacks. Under the store's write lock, so that no sandbox changes state
    /// between the read and the listing, and with the addresses of ready peers only: a sandbox being created has its
    /// records before its nftables batch, one being removed loses its elements after its records.
    /// </summary>
    private List<string> FindFirewallDamage() => _store.Write(() =>
    {
        var endpoints = AllFirewallEndpoints(readyOnly: true, exclude: null);
        return endpoints.Count == 0 ? [] : _firewall.FindDamage(FirewallCompiler.Rebuild(InputsFor(endpoints, readyPeersOnly: true)));
    });

    /// <summary>gc: deletes our tables when no network is left; rebuilds them when they hold chains of endpoints without a record.</summary>
    private void CollectFirewall(List<string> removed) => _store.Write(() =>
    {
        if (_store.AllNetworks().Count == 0)
        {
            if (!_firewall.TablesExist()) return;
            _firewall.Apply(FirewallCompiler.DeleteTables());
            removed.Add("firewall tables (no network left)");
            return;
        }
        var known = _store.AllEndpoints().Select(e => e.HostInterface).ToHashSet(StringComparer.Ordinal);
        var leaked = _firewall.PortsWithChains().Where(p => !known.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (leaked.Count == 0) return;
        RebuildFirewallLocked(exclude: null);
        removed.AddRange(leaked.Select(p => $"firewall chains of endpoint {p} (no sandbox record)"));
    });

    /// <summary>After a network's removal: our tables go with the last network; otherwise its bridge stops counting as ours.</summary>
    private void ForgetNetworkInFirewall(NetworkRecord network) => _store.Write(() =>
    {
        if (_store.AllNetworks().Count == 0)
        {
            _firewall.Apply(FirewallCompiler.DeleteTables());
            return;
        }
        var tx = new NftTransaction();
        FirewallCompiler.RemoveNetwork(tx, ToFirewall(network));
        try
        {
            _firewall.Apply(tx);
        }
        catch (NftablesException) when (!_firewall.TablesExist())
        {
            // No tables: nothing refers to the bridge.
        }
    });
}
