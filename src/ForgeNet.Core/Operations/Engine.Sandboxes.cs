using ForgeNet.Core.Drivers;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core;

public sealed partial class Engine
{
    /// <summary>
    /// Creates a sandbox: validates everything, records it with its addresses in one transaction, puts its
    /// firewall chains in place (one nftables batch), then makes the namespace and one veth per network. On failure, undoes the completed steps in reverse and rethrows
    /// the original error with context. Fault-injection steps: see <see cref="EngineOptions.FaultAt"/>.
    /// </summary>
    public SandboxInfo CreateSandbox(SandboxSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            var request = _store.Read(() => SandboxRequest.Validate(spec, _options.NamespacePrefix, _store.FindNetwork));
            // Mode host reuses the external-namespace path with the host's own: never deleted, nothing killed in it.
            using var external = request.Isolation == IsolationMode.Host ? OpenHostNamespace() : OpenExternal(request.ExternalPath);
            var record = new SandboxRecord(Names.NewId(), request.Name, request.Isolation, external?.Path ?? request.Namespace,
                SandboxState.Creating, request.Owner, ProcessIdentity.Current, Names.Now())
            {
                PolicyYaml = _policies.Format(request.Policy),
                Published = PublishedPorts.Format(request.Policy.Ports),
                ExternalNamespace = external?.Id,
                ContainerId = request.ContainerId,
                Labels = request.Labels,
            };
            var endpoints = _store.Write(() =>
            {
                CheckPublishedPorts(request.Policy, sandboxId: null);
                var recorded = SandboxRecorder.Record(_store, record, request.Attachments, _options.MaxBridgePorts);
                _store.SetPeerRefs(record.Id, PeerKeys(request.Policy));
                return recorded;
            });
            var undo = new UndoStack();
            undo.Push("delete records", () => _store.Write(() => _store.DeleteSandbox(record.Id)));
            try
            {
                _faults.At("store");
                AddToFirewall(record, request.Policy, endpoints, undo);
                _faults.At("firewall");
                if (external is null)
                {
                    Build(record, endpoints, undo);
                    undo.Push("remove resolv.conf", () => ResolverFiles.Remove(record.Namespace));
                    if (request.Policy.Dns.ResolverAllowed)
                        KernelErrors.Do("write resolv.conf", () => ResolverFiles.Write(record.Namespace, endpoints.Select(e => e.Network)));
                }
                else
                {
                    // A runtime's namespace gets its resolver through the runtime (CNI's dns result), not /etc/netns.
                    BuildExternal(external, endpoints, undo);
                }
                ShapeBandwidth(record, request.Policy.Limits, endpoints, undo);
                _store.Write(() => _store.SetSandboxState(record.Id, SandboxState.Ready, ProcessIdentity.Current));
                _faults.At("ready");
            }
            catch (Exception e)
            {
                var failures = undo.Run();
                var error = e as ForgeException ?? KernelErrors.Wrap("setup", e);
                throw failures.Count == 0 ? error
                    : new ForgeException(error.Kind, $"{error.Message} (undo incomplete, run gc: {string.Join("; ", failures)})", error.InnerException);
            }
            return ToInfo(record, endpoints.Select(e => e.Endpoint).ToList(), endpoints.ToDictionary(e => e.Network.Id, e => e.Network));
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap($"create sandbox {spec.Name}", e);
        }
    }

    private void Build(SandboxRecord record, List<(EndpointRecord Endpoint, NetworkRecord Network)> endpoints, UndoStack undo)
    {
        var (ns, netlink) = KernelErrors.Do($"create namespace {record.Namespace}", () => SandboxNamespaces.Create(record.Namespace));
        undo.Push($"delete namespace {record.Namespace}", () => SandboxNamespaces.Delete(record.Namespace));
        using (ns)
        using (netlink)
        {
            _faults.At("netns");
            foreach (var (endpoint, network) in endpoints)
                KernelErrors.Do($"attach to {network.Name}", () => Attach(ns, netlink, endpoint, network, undo));
        }
    }

    private void Attach(NetNs ns, RtNetlink netlink, EndpointRecord endpoint, NetworkRecord network, UndoStack undo, bool external = false)
    {
        var bridge = _bridges.Ensure(network);
        _bridges.CreateVeth(new VethPlan(endpoint, network, bridge, ns.Handle));
        // Deleting the namespace would take the pair with it, but only asynchronously: undo synchronously.
        undo.Push($"delete veth {endpoint.HostInterface}", () => _bridges.DeleteLink(endpoint.HostInterface));
        _faults.At($"veth:{network.Name}");
        var index = EndpointConfigurator.InterfaceIndex(netlink, endpoint);
        EndpointConfigurator.BringUp(netlink, index, endpoint);
        EndpointConfigurator.AddAddresses(netlink, index, endpoint);
        _faults.At($"address:{network.Name}");
        if (!network.Internal)
            EndpointConfigurator.AddDefaultRoutes(netlink, index, endpoint, network, external);
        _faults.At($"route:{network.Name}");
    }
}
