using System.Net.Sockets;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Ipam;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel;

namespace ForgeNet.Core;

public sealed partial class Engine
{
    /// <summary>Creates a network: validates, records it, then makes its bridge with the gateway addresses.</summary>
    public NetworkInfo CreateNetwork(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var context = $"create network {spec.Name}";
        try
        {
            var request = NetworkRequest.Validate(spec);
            if (_store.Read(() => _store.FindNetwork(spec.Name)) is not null)
                throw ForgeException.Exists($"network {spec.Name} already exists");
            var hostRoutes = _bridges.HostRoutes();
            var network = _store.Write(() => RecordNetwork(request, hostRoutes));
            try
            {
                _bridges.Create(network);
            }
            catch
            {
                var undo = new UndoStack();
                undo.Push("delete network record", () => _store.Write(() => _store.DeleteNetwork(network.Id)));
                undo.Push($"delete bridge {network.Bridge}", () => _bridges.Delete(network));
                undo.Run();
                throw;
            }
            return network.ToInfo(0);
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    /// <summary>Removes a network and its bridge (and ForgeNet's firewall tables with the last network); refuses (InUse) while sandboxes are attached, unless <paramref name="force"/>.</summary>
    public void RemoveNetwork(string name, bool force)
    {
        var context = $"remove network {name}";
        try
        {
            Names.Validate("network", name);
            var network = _store.Read(() => _store.FindNetwork(name)) ?? throw ForgeException.NotFound($"network {name} not found");
            var attached = _store.Read(() => _store.SandboxesOn(network.Id));
            if (attached.Count > 0 && !force)
                throw ForgeException.InUse($"{attached.Count} sandbox(es) attached: {string.Join(", ", attached)}; remove them first or use force");
            foreach (var sandbox in attached)
                RemoveAttached(sandbox);
            _store.Write(() =>
            {
                var late = _store.SandboxesOn(network.Id);
                if (late.Count > 0)
                    throw ForgeException.InUse($"sandbox(es) attached meanwhile: {string.Join(", ", late)}");
                _store.DeleteNetwork(network.Id);
            });
            KernelErrors.Do($"delete bridge {network.Bridge}", () => _bridges.Delete(network));
            KernelErrors.Do("update firewall", () => ForgetNetworkInFirewall(network));
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    private void RemoveAttached(string sandbox)
    {
        try
        {
            RemoveSandbox(sandbox, force: true);
        }
        catch (ForgeException e) when (e.Kind == ErrorKind.NotFound)
        {
            // Removed concurrently: what force wanted anyway.
        }
    }

    /// <summary>Removes every network without endpoints; returns their names.</summary>
    public IReadOnlyList<string> PruneNetworks()
    {
        var (networks, counts) = _store.Read(() => (_store.AllNetworks(), _store.EndpointCounts()));
        var removed = new List<string>();
        foreach (var network in networks.Where(n => !counts.ContainsKey(n.Id)))
        {
            try
            {
                RemoveNetwork(network.Name, force: false);
                removed.Add(network.Name);
            }
            catch (ForgeException e) when (e.Kind is ErrorKind.InUse or ErrorKind.NotFound)
            {
                // A sandbox attached (or someone removed it) meanwhile: not ours to prune.
            }
        }
        return removed;
    }

    private NetworkRecord RecordNetwork(NetworkRequest request, List<IpPrefix> hostRoutes)
    {
        if (_store.FindNetwork(request.Name) is not null)
            throw ForgeException.Exists($"network {request.Name} already exists");
        var others = _store.AllNetworks();
        var subnet4 = request.Subnet4
            ?? SubnetPlanner.ChooseDefault4(others.SelectMany(n => n.Subnets).Concat(hostRoutes))
            ?? throw ForgeException.Exhausted($"no free /24 left in {SubnetPlanner.DefaultPool4}");
        foreach (var subnet in new[] { subnet4, request.Subnet6 }.OfType<IpPrefix>())
            CheckOverlap(subnet, others, hostRoutes);
        var id = Names.NewId();
        var network = new NetworkRecord(id, request.Name, "bridge", Names.Bridge(id),
            subnet4, new SubnetRange(subnet4).Gateway,
            request.Subnet6, request.Subnet6 is { } s6 ? new SubnetRange(s6).Gateway : null,
            request.Internal, request.Mtu, Names.Now());
        _store.InsertNetwork(network);
        return network;
    }

    private static void CheckOverlap(IpPrefix subnet, List<NetworkRecord> others, List<IpPrefix> hostRoutes)
    {
        foreach (var other in others)
        {
            if (other.Subnets.FirstOrDefault(s => SubnetPlanner.Overlaps(s, subnet)) is { Address: not null } clash)
                throw ForgeException.InUse($"subnet {subnet} overlaps network {other.Name} ({clash})");
        }
        if (hostRoutes.FirstOrDefault(r => SubnetPlanner.Overlaps(r, subnet)) is { Address: not null } route)
            throw ForgeException.InUse($"subnet {subnet} overlaps the host route to {route}");
    }
}
