using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core;

public sealed partial class Engine
{
    /// <summary>Every network, oldest first, with its endpoint count.</summary>
    public IReadOnlyList<NetworkInfo> ListNetworks()
    {
        var (networks, counts) = _store.Read(() => (_store.AllNetworks(), _store.EndpointCounts()));
        return networks.Select(n => n.ToInfo(counts.GetValueOrDefault(n.Id))).ToList();
    }

    /// <summary>One network; NotFound when there is none by that name.</summary>
    public NetworkInfo InspectNetwork(string name)
    {
        Names.Validate("network", name);
        return _store.Read(() =>
        {
            var network = _store.FindNetwork(name) ?? throw ForgeException.NotFound($"network {name} not found");
            return network.ToInfo(_store.EndpointCount(network.Id));
        });
    }

    /// <summary>Every sandbox, oldest first, with its endpoints.</summary>
    public IReadOnlyList<SandboxInfo> ListSandboxes()
    {
        var (sandboxes, endpoints, networks) = _store.Read(() => (_store.AllSandboxes(), _store.AllEndpoints(), _store.AllNetworks()));
        var byNetwork = networks.ToDictionary(n => n.Id);
        var bySandbox = endpoints.ToLookup(e => e.SandboxId);
        return sandboxes.Select(s => ToInfo(s, bySandbox[s.Id].ToList(), byNetwork)).ToList();
    }

    /// <summary>One sandbox; NotFound when there is none by that name.</summary>
    public SandboxInfo InspectSandbox(string name)
    {
        Names.Validate("sandbox", name);
        return _store.Read(() =>
        {
            var sandbox = _store.FindSandbox(name) ?? throw ForgeException.NotFound($"sandbox {name} not found");
            return ToInfo(sandbox, _store.EndpointsOf(sandbox.Id), _store.AllNetworks().ToDictionary(n => n.Id));
        });
    }

    private static SandboxInfo ToInfo(SandboxRecord sandbox, List<EndpointRecord> endpoints, Dictionary<string, NetworkRecord> networks) =>
        new(sandbox.Name, sandbox.Id, sandbox.Isolation,
            sandbox.IsExternal ? sandbox.Namespace : Path.Combine(NetNs.RunDirectory, sandbox.Namespace),
            sandbox.Created, sandbox.Owner?.Pid,
            endpoints.OrderBy(e => e.Position).Select(e => ToInfo(e, networks[e.NetworkId])).ToList())
        {
            PolicyYaml = sandbox.PolicyYaml ?? PolicyFormatter.Format(sandbox.Isolation.DefaultPolicy()),
            ExternalNamespace = sandbox.IsExternal,
            ContainerId = sandbox.ContainerId,
            Labels = sandbox.Labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
        };

    private static EndpointInfo ToInfo(EndpointRecord e, NetworkRecord network) =>
        new(network.Name, e.Interface, e.HostInterface, e.Mac,
            e.Address4?.ToString(), network.Gateway4?.ToString(), e.Address6?.ToString(), network.Gateway6?.ToString());
}
