using ForgeNet.Core.Errors;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core;

/// <summary>What the daemon's metrics and its SetupBridge need: counters read from the kernel, and a bridge repair.</summary>
public sealed partial class Engine
{
    /// <summary>Every endpoint's traffic counters, read now (one link dump of the host namespace).</summary>
    public IReadOnlyList<EndpointTraffic> EndpointTraffic()
    {
        var (sandboxes, endpoints, networks) = _store.Read(() => (_store.AllSandboxes(), _store.AllEndpoints(), _store.AllNetworks()));
        var links = KernelErrors.Do("list host links", () => _host.Netlink.ListLinks()).ToDictionary(l => l.Name, StringComparer.Ordinal);
        var names = sandboxes.ToDictionary(s => s.Id, s => s.Name);
        var networkNames = networks.ToDictionary(n => n.Id, n => n.Name);
        var result = new List<EndpointTraffic>();
        foreach (var e in endpoints)
        {
            if (!names.TryGetValue(e.SandboxId, out var sandbox) || !links.TryGetValue(e.HostInterface, out var link) || link.Stats is not { } s)
                continue;
            // The host end's transmit is the sandbox's receive.
            result.Add(new EndpointTraffic(sandbox, networkNames.GetValueOrDefault(e.NetworkId, e.NetworkId), e.Interface, e.HostInterface,
                s.TxBytes, s.TxPackets, s.RxBytes, s.RxPackets));
        }
        return result;
    }

    /// <summary>The counters of every accepting or dropping rule in the sandboxes' own chains (both tables), read now.</summary>
    public IReadOnlyList<FirewallRuleCounter> FirewallCounters()
    {
        var (sandboxes, endpoints) = _store.Read(() => (_store.AllSandboxes(), _store.AllEndpoints()));
        var names = sandboxes.ToDictionary(s => s.Id, s => s.Name);
        var owners = endpoints.Where(e => names.ContainsKey(e.SandboxId))
            .ToDictionary(e => e.HostInterface, e => names[e.SandboxId], StringComparer.Ordinal);
        if (owners.Count == 0) return [];
        var result = new List<FirewallRuleCounter>();
        foreach (var table in FirewallNames.Tables)
        {
            var state = KernelErrors.Do($"list table {table}", () => _firewall.Backend.ListTable(table.Family, table.Name));
            if (state is null) continue;
            foreach (var chain in state.Rules.GroupBy(r => r.Chain))
            {
                if (FirewallNames.PortOf(chain.Key) is not { } port || !owners.TryGetValue(port, out var sandbox)) continue;
                var position = 0;
                foreach (var rule in chain)
                {
                    position++;
                    if (rule.Counter is not { } counter || VerdictOf(rule) is not { } verdict) continue;
                    result.Add(new FirewallRuleCounter(sandbox, port, table.ToString(), chain.Key, rule.Comment ?? $"#{position}",
                        verdict, counter.Packets, counter.Bytes));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Makes a network's bridge whole again: re-creates it with its gateway addresses when it vanished, brings it up,
    /// and puts every endpoint's host-side veth that still exists back on it and up. Returns the ports re-attached.
    /// </summary>
    public int RepairNetwork(string name)
    {
        var context = $"repair network {name}";
        try
        {
            Names.Validate("network", name);
            var (network, endpoints) = _store.Read(() =>
            {
                var found = _store.FindNetwork(name) ?? throw ForgeException.NotFound($"network {name} not found");
                return (found, _store.AllEndpoints().Where(e => e.NetworkId == found.Id).ToList());
            });
            var bridge = _bridges.Ensure(network);
            KernelErrors.Do($"bring up bridge {network.Bridge}", () => _host.Netlink.SetLink(new LinkChange(bridge) { Up = true }));
            var repaired = 0;
            foreach (var endpoint in endpoints)
            {
                var link = KernelErrors.Do($"look up {endpoint.HostInterface}", () => _host.Netlink.GetLink(endpoint.HostInterface));
                if (link is null || (link.MasterIndex == bridge && link.IsUp)) continue;
                KernelErrors.Do($"attach {endpoint.HostInterface} to {network.Bridge}",
                    () => _host.Netlink.SetLink(new LinkChange(link.Index) { MasterIndex = bridge, Up = true }));
                repaired++;
            }
            return repaired;
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    private static string? VerdictOf(NftRule rule)
    {
        foreach (var statement in rule.Statements)
        {
            switch (statement)
            {
                case NftVerdictStatement { Verdict.Kind: NftVerdictKind.Accept }:
                    return "accept";
                case NftVerdictStatement { Verdict.Kind: NftVerdictKind.Drop }:
                case NftReject:
                    return "drop";
            }
        }
        return null;
    }
}
