using ForgeNet.Core.Errors;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core;

public sealed partial class Engine
{
    // What each endpoint owned after its last policy change here: the next change then compiles the new policy only.
    private readonly FootprintCache _footprints = new();

    /// <summary>
    /// Replaces a sandbox's policy while it runs, atomically: the store and every endpoint's chains change together
    /// (one nftables batch), or nothing does. Established connections the new policy still allows survive; those it
    /// forbids are cut, because every packet a sandbox sends is judged against the rules in force (docs/FIREWALL.md).
    /// The mode may change between internal, peer-only and private, but not to or from loopback-only or host.
    /// </summary>
    public SandboxInfo ApplyPolicy(string sandbox, NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var context = $"apply policy to sandbox {sandbox}";
        try
        {
            Names.Validate("sandbox", sandbox);
            var isolation = CheckedPolicy(policy);
            _store.Write(() =>
            {
                var record = _store.FindSandbox(sandbox) ?? throw ForgeException.NotFound($"sandbox {sandbox} not found");
                if (record.State != SandboxState.Ready)
                    throw ForgeException.InUse($"sandbox {sandbox} is {record.State.ToString().ToLowerInvariant()}");
                CheckHostModeChange(sandbox, record.Isolation, isolation);
                if (record.Isolation.HasNetwork() != isolation.HasNetwork())
                    throw ForgeException.Invalid($"sandbox {sandbox} is {IsolationName(record.Isolation)}; mode {policy.Mode.ToName()} would need it {(isolation.HasNetwork() ? "attached to a network" : "without networks")}: create a new sandbox instead");
                CheckPublishedPorts(policy, record.Id);
                var previous = Endpoints(record, PolicyOf(record));
                _store.SetSandboxPolicy(record.Id, isolation, _policies.Format(policy), PublishedPorts.Format(policy.Ports));
                _store.SetPeerRefs(record.Id, PeerKeys(policy));
                var updated = Endpoints(record, policy);
                if (updated.Count == 0) return;
                var inputs = InputsFor(updated);
                EnsureForwarding(updated);
                var tx = new NftTransaction();
                for (var i = 0; i < updated.Count; i++)
                    _footprints.Remember(updated[i], FirewallCompiler.ReplaceEndpoint(tx, _footprints.Of(previous[i], inputs), updated[i], inputs));
                var shaping = ChangeBandwidth(record, policy.Limits);
                try
                {
                    ApplyFirewallLocked(tx);
                }
                catch
                {
                    shaping.Run();
                    throw;
                }
            });
            return InspectSandbox(sandbox);
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    /// <summary>A sandbox's policy in force and the nftables chains it compiled to, with their counters.</summary>
    public PolicyView ShowPolicy(string sandbox)
    {
        var context = $"show policy of sandbox {sandbox}";
        try
        {
            Names.Validate("sandbox", sandbox);
            var (record, endpoints) = _store.Read(() =>
            {
                var found = _store.FindSandbox(sandbox) ?? throw ForgeException.NotFound($"sandbox {sandbox} not found");
                return (found, _store.EndpointsOf(found.Id));
            });
            var yaml = record.PolicyYaml ?? PolicyFormatter.Format(record.Isolation.DefaultPolicy());
            var rules = endpoints.Count == 0 ? "" : KernelErrors.Do("list firewall rules",
                () => _firewall.Describe(endpoints.Select(e => e.HostInterface).ToList()));
            var ports = endpoints.Select(e => e.HostInterface).ToList();
            return new PolicyView(record.Name, yaml, rules)
            {
                Bandwidth = ports.Count == 0 ? "" : DescribeBandwidth(ports),
                Note = record.Isolation == IsolationMode.Host ? HostModeNote : "",
            };
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    /// <summary>Rebuilds ForgeNet's nftables tables from the store, atomically (both tables deleted when no sandbox has a network).</summary>
    public void ReloadFirewall()
    {
        try
        {
            RebuildFirewall();
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap("reload firewall", e);
        }
    }

    /// <summary>A watcher that restores our tables after a foreign delete or flush; call <see cref="FirewallWatcher.Start"/>.</summary>
    public FirewallWatcher WatchFirewall()
    {
        var monitor = KernelErrors.Do("open nftables monitor", () => _host.Run(NftablesMonitor.Open));
        return new FirewallWatcher(monitor, HealFirewall);
    }

    /// <summary>Compiles and applies a new sandbox's endpoints (before its links exist, so no frame passes unfiltered).</summary>
    private void AddToFirewall(SandboxRecord record, NetworkPolicy policy, List<(EndpointRecord Endpoint, NetworkRecord Network)> endpoints, UndoStack undo)
    {
        if (endpoints.Count == 0) return;
        var firewall = endpoints.Select(x => ToFirewall(record, policy, x.Endpoint, x.Network)).ToList();
        var inputs = _store.Read(() => InputsFor(firewall));
        EnsureForwarding(firewall);
        var tx = new NftTransaction();
        // Not remembered here: a footprint held for every endpoint costs a long-lived host (the daemon) about 2.5 KB
        // per endpoint for a policy change most never get. The first change compiles the previous policy once.
        foreach (var endpoint in firewall)
            FirewallCompiler.AddEndpoint(tx, endpoint, inputs);
        undo.Push("remove firewall rules", () => RemoveFromFirewall(firewall, inputs, record.Id));
        KernelErrors.Do("apply firewall rules", () => ApplyFirewall(tx));
    }

    /// <summary>Removes endpoints' chains and elements; when that fails, rebuilds from the store without <paramref name="sandboxId"/>.</summary>
    private void RemoveFromFirewall(IReadOnlyList<FirewallEndpoint> endpoints, FirewallInputs inputs, string sandboxId)
    {
        if (endpoints.Count == 0) return;
        var tx = new NftTransaction();
        foreach (var endpoint in endpoints)
        {
            FirewallCompiler.RemoveEndpoint(tx, endpoint, inputs);
            _footprints.Forget(endpoint.Port);
        }
        ApplyFirewall(tx, exclude: sandboxId);
    }

    /// <summary>
    /// Applies an incremental change. When nft refuses it (our tables are missing, damaged, or hold a stale element
    /// in the way), rebuilds both tables from the store instead, which is the truth the change was heading for.
    /// </summary>
    private void ApplyFirewall(NftTransaction tx, string? exclude = null)
    {
        try
        {
            _firewall.Apply(tx);
        }
        catch (NftablesException)
        {
            RebuildFirewall(exclude);
        }
    }

    /// <summary><see cref="ApplyFirewall"/> for callers inside a store write.</summary>
    private void ApplyFirewallLocked(NftTransaction tx)
    {
        try
        {
            _firewall.Apply(tx);
        }
        catch (NftablesException)
        {
            RebuildFirewallLocked(exclude: null);
        }
    }

    // Under the store's write lock, so no other process records or removes a sandbox between the read and the apply.
    private void RebuildFirewall(string? exclude = null) => _store.Write(() => RebuildFirewallLocked(exclude));

    private void RebuildFirewallLocked(string? exclude)
    {
        var endpoints = AllFirewallEndpoints(readyOnly: false, exclude);
        var inputs = InputsFor(endpoints);
        KernelErrors.Do("rebuild firewall tables", () => _firewall.Apply(FirewallCompiler.Rebuild(inputs)));
    }

    private static IsolationMode CheckedPolicy(NetworkPolicy policy)
    {
        try
        {
            policy.Validate();
        }
        catch (PolicyException e)
        {
            throw ForgeException.Invalid($"invalid policy: {e.Message}");
        }
        return IsolationPolicies.FromPolicyMode(policy.Mode);
    }

    private static string IsolationName(IsolationMode mode) => mode.ToPolicyMode().ToName();
}
