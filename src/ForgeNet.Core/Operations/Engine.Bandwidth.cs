using ForgeNet.Core.Drivers;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core;

/// <summary>The engine's hooks for <c>limits.bandwidth</c>; the tc work is in <see cref="BandwidthShaper"/>.</summary>
public sealed partial class Engine
{
    /// <summary>Shapes a new sandbox's veths (they exist by now); the undo removes the ifbs again. Fault step "bandwidth".</summary>
    private void ShapeBandwidth(SandboxRecord record, TrafficLimits limits, List<(EndpointRecord Endpoint, NetworkRecord Network)> endpoints, UndoStack undo)
    {
        var ports = endpoints.Select(x => new ShapedPort(record.Id, x.Endpoint.HostInterface, x.Network.Mtu)).ToList();
        // Pushed first, so that a failure half-way through also takes the ifbs made so far.
        undo.Push("delete ifbs", () => RemoveIfbs(ports.Select(p => p.HostInterface)));
        KernelErrors.Do("limit bandwidth", () => _shaper.Apply(ports, limits, undo));
        _faults.At("bandwidth");
    }

    /// <summary>
    /// Changes a running sandbox's bandwidth limits from its recorded policy to <paramref name="next"/>; call inside the
    /// store write. Returns the undo for a later failure (the firewall's), having restored the old limits itself on its own.
    /// </summary>
    private UndoStack ChangeBandwidth(SandboxRecord record, TrafficLimits next)
    {
        var networks = _store.AllNetworks().ToDictionary(n => n.Id);
        var ports = _store.EndpointsOf(record.Id)
            .Select(e => new ShapedPort(record.Id, e.HostInterface, networks[e.NetworkId].Mtu)).ToList();
        return KernelErrors.Do("change bandwidth limits", () => _shaper.Change(ports, PolicyOf(record).Limits, next));
    }

    /// <summary>Deletes the ifbs of these host veths; false when none was there.</summary>
    private bool RemoveIfbs(IEnumerable<string> hostInterfaces)
    {
        var any = false;
        foreach (var name in hostInterfaces)
            any |= _shaper.RemoveIfb(name);
        return any;
    }

    /// <summary>The limits in force on these host veths, as the kernel reports them.</summary>
    private string DescribeBandwidth(IEnumerable<string> hostInterfaces) =>
        KernelErrors.Do("list bandwidth limits", () => _shaper.Describe(hostInterfaces));
}
