using ForgeNet.Core.Drivers;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core;

/// <summary>Sandboxes in a namespace a runtime owns (CNI_NETNS, AssignEndpoint): ForgeNet adds links to it, never deletes it.</summary>
public sealed partial class Engine
{
    /// <summary>
    /// The sandbox a runtime made for container <paramref name="containerId"/> with interface
    /// <paramref name="interfaceName"/> (the CNI attachment key), or null when there is none.
    /// </summary>
    public SandboxInfo? FindAttachment(string containerId, string interfaceName)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        ArgumentNullException.ThrowIfNull(interfaceName);
        return _store.Read(() =>
        {
            foreach (var sandbox in _store.SandboxesOfContainer(containerId))
            {
                var endpoints = _store.EndpointsOf(sandbox.Id);
                if (endpoints.Any(e => e.Interface == interfaceName))
                    return ToInfo(sandbox, endpoints, _store.AllNetworks().ToDictionary(n => n.Id));
            }
            return null;
        });
    }

    /// <summary>Opens the runtime's namespace (null when ForgeNet makes its own); refuses the host namespace.</summary>
    private NetNs? OpenExternal(string? path)
    {
        if (path is null) return null;
        var ns = OpenExternalPath(path);
        if (ns.Id == _host.Id)
        {
            ns.Dispose();
            throw ForgeException.Invalid($"namespace {path} is the host namespace: a sandbox needs its own");
        }
        return ns;
    }

    private static NetNs OpenExternalPath(string path)
    {
        try
        {
            return NetNs.Open(path);
        }
        catch (NamespaceException e) when (e.IsNotFound)
        {
            throw ForgeException.NotFound($"namespace {path} not found");
        }
        catch (NamespaceException e)
        {
            throw ForgeException.Invalid($"namespace {path}: {e.Message}");
        }
    }

    /// <summary>Attaches the endpoints inside the runtime's namespace: no sysctl, no lo, no namespace of ours to undo.</summary>
    private void BuildExternal(NetNs ns, List<(EndpointRecord Endpoint, NetworkRecord Network)> endpoints, UndoStack undo)
    {
        using var netlink = KernelErrors.Do($"open netlink in {ns.Path}", () => ns.Run(RtNetlink.Open));
        _faults.At("netns");
        foreach (var (endpoint, network) in endpoints)
            KernelErrors.Do($"attach to {network.Name}", () => Attach(ns, netlink, endpoint, network, undo, external: true));
    }

    /// <summary>The sandbox's namespace, or null when it is gone (for a runtime's: when its path names another one now).</summary>
    private static NetNs? TryOpenNamespace(SandboxRecord record)
    {
        if (!record.IsExternal) return NetNs.TryOpenNamed(record.Namespace);
        NetNs ns;
        try
        {
            ns = NetNs.Open(record.Namespace);
        }
        catch (NamespaceException)
        {
            // Gone, or no longer a network namespace (e.g. /proc/PID of a reused PID).
            return null;
        }
        if (ns.Id == record.ExternalNamespace) return ns;
        ns.Dispose();
        return null;
    }

    /// <summary>True when the sandbox's namespace still exists (a runtime's: the same one as at creation).</summary>
    private static bool NamespaceExists(SandboxRecord record)
    {
        if (!record.IsExternal) return SandboxNamespaces.Exists(record.Namespace);
        using var ns = TryOpenNamespace(record);
        return ns is not null;
    }
}
