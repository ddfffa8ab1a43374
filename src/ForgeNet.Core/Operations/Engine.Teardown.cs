using System.Diagnostics;
using ForgeNet.Core.Drivers;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core;

public sealed partial class Engine
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Removes a sandbox: refuses (InUse, naming the PIDs) while processes run inside unless
    /// <paramref name="force"/> (then SIGKILLs them), deletes the namespace, frees its records and addresses.
    /// Best effort: "already gone" is success; other failures are reported together at the end.
    /// </summary>
    public void RemoveSandbox(string name, bool force)
    {
        var context = $"remove sandbox {name}";
        try
        {
            Names.Validate("sandbox", name);
            var record = _store.Read(() => _store.FindSandbox(name)) ?? throw ForgeException.NotFound($"sandbox {name} not found");
            Teardown(record, force);
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    /// <summary>Starts a process inside the sandbox's namespace (forked on a thread that is in it).</summary>
    public Process StartProcess(string sandbox, ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var context = $"start {startInfo.FileName} in sandbox {sandbox}";
        try
        {
            Names.Validate("sandbox", sandbox);
            var record = _store.Read(() => _store.FindSandbox(sandbox)) ?? throw ForgeException.NotFound($"sandbox {sandbox} not found");
            if (record.State != SandboxState.Ready)
                throw ForgeException.InUse($"sandbox {sandbox} is {record.State.ToString().ToLowerInvariant()}");
            using var ns = TryOpenNamespace(record)
                ?? throw ForgeException.NotFound($"namespace {record.Namespace} is gone (run gc)");
            // A runtime's namespace (and the host's, in mode host) gets its resolver elsewhere, not from /etc/netns.
            return record.IsExternal ? ns.StartProcess(startInfo) : ResolverFiles.StartProcess(ns, record.Namespace, startInfo);
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    /// <returns>The PIDs killed (empty when none ran).</returns>
    private IReadOnlyList<int> Teardown(SandboxRecord record, bool force)
    {
        // A runtime's processes are the runtime's business.
        var killed = record.IsExternal ? [] : StopProcesses(record, force);
        _store.Write(() => _store.SetSandboxState(record.Id, SandboxState.Removing, ProcessIdentity.Current));
        var errors = new ErrorCollector();
        var endpoints = _store.Read(() => _store.EndpointsOf(record.Id));
        List<FirewallEndpoint> firewall = [];
        errors.Try("read the sandbox's policy", () => firewall = _store.Read(() => Endpoints(record, PolicyOf(record))));
        var hadNamespace = false;
        if (!record.IsExternal)
        {
            errors.Try($"delete namespace {record.Namespace}", () => hadNamespace = SandboxNamespaces.Delete(record.Namespace));
            errors.Try("remove resolv.conf", () => ResolverFiles.Remove(record.Namespace));
        }
        if (!hadNamespace)
        {
            // Without the namespace the kernel has already dismantled the pairs, unless something still
            // holds the namespace open: then only deleting the host end removes them. A runtime's namespace
            // stays: deleting the host end takes the peer with it.
            foreach (var endpoint in endpoints)
                errors.Try($"delete veth {endpoint.HostInterface}", () => _bridges.DeleteLink(endpoint.HostInterface));
        }
        errors.Try("delete ifbs", () => RemoveIfbs(endpoints.Select(e => e.HostInterface)));
        errors.Try("delete records", () => _store.Write(() => _store.DeleteSandbox(record.Id)));
        // After the records: a concurrent rebuild from the store can then no longer bring the chains back.
        errors.Try("remove firewall rules", () => RemoveFromFirewall(firewall, _store.Read(() => InputsFor(firewall)), record.Id));
        errors.ThrowIfAny();
        return killed;
    }

    private IReadOnlyList<int> StopProcesses(SandboxRecord record, bool force)
    {
        using var ns = KernelErrors.Do($"open namespace {record.Namespace}", () => NetNs.TryOpenNamed(record.Namespace));
        if (ns is null) return [];
        var pids = ns.FindProcessIds();
        if (pids.Count == 0) return pids;
        if (!force)
            throw ForgeException.InUse($"processes running inside: {SandboxNamespaces.Describe(pids)}; stop them or use force");
        SandboxNamespaces.KillAll(ns, pids, KillTimeout);
        return pids;
    }
}
