using ForgeNet.Core.Drivers;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Core;

public sealed partial class Engine
{
    /// <summary>
    /// Removes what leaked, and only what is provably ours: (a) sandboxes whose owner process (forge run) or
    /// interrupted creator/remover died; (b) records whose namespace vanished; (c) namespaces with our prefix
    /// and no record; (d) host links in our group tagged with this store's instance id but no live record; (e) firewall
    /// chains of endpoints without a record (by a rebuild from the store), and our tables when no network is left.
    /// Kernel objects are listed BEFORE records are read: records are written before the objects they
    /// describe, so an object made concurrently always has its record by then.
    /// </summary>
    public GcReport CollectGarbage()
    {
        var removed = new List<string>();
        var errors = new ErrorCollector();
        var namespaces = NetNs.ListNamed().Where(n => n.StartsWith(_options.NamespacePrefix, StringComparison.Ordinal)).ToList();
        var links = _bridges.OwnedLinks();
        var sandboxes = _store.Read(_store.AllSandboxes);
        var live = new List<SandboxRecord>();
        foreach (var sandbox in sandboxes)
        {
            var reason = GarbageReason(sandbox);
            if (reason is null)
            {
                live.Add(sandbox);
                continue;
            }
            if (errors.Try($"sandbox {sandbox.Name}", () => Teardown(sandbox, force: true)))
                removed.Add($"sandbox {sandbox.Name} ({reason})");
        }
        RemoveLeakedNamespaces(namespaces, live, removed, errors);
        RemoveLeakedLinks(links, live, removed, errors);
        errors.Try("firewall", () => CollectFirewall(removed));
        errors.ThrowIfAny("gc");
        return new GcReport(removed);
    }

    private static string? GarbageReason(SandboxRecord sandbox)
    {
        if (sandbox.Owner is { } owner && !owner.IsAlive())
            return $"owner process {owner.Pid} exited";
        if (sandbox.State != SandboxState.Ready && !sandbox.Actor.IsAlive())
            return $"{sandbox.State.ToString().ToLowerInvariant()} interrupted: process {sandbox.Actor.Pid} exited";
        // Checked now, not against the listing: the sandbox may have become ready after it.
        if (sandbox.State == SandboxState.Ready && !NamespaceExists(sandbox))
            return $"namespace {sandbox.Namespace} vanished";
        return null;
    }

    private void RemoveLeakedNamespaces(List<string> namespaces, List<SandboxRecord> live, List<string> removed, ErrorCollector errors)
    {
        var recorded = live.Select(s => s.Namespace).ToHashSet(StringComparer.Ordinal);
        // The host namespace may carry our prefix (a test's throwaway host), and so may one a runtime handed
        // over: never ours to delete.
        var foreign = live.Where(s => s.IsExternal).Select(s => s.ExternalNamespace!.Value).Append(_host.Id).ToHashSet();
        foreach (var name in namespaces.Where(n => !recorded.Contains(n)))
        {
            if (IsNamespace(name, foreign)) continue;
            errors.Try($"delete namespace {name}", () =>
            {
                if (SandboxNamespaces.Delete(name)) removed.Add($"namespace {name} (no sandbox record)");
            });
        }
    }

    private void RemoveLeakedLinks(List<(Kernel.Netlink.LinkInfo Link, OwnerTag Tag)> links, List<SandboxRecord> live, List<string> removed, ErrorCollector errors)
    {
        var sandboxIds = live.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var networkIds = _store.Read(_store.AllNetworks).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (link, tag) in links)
        {
            var owned = tag.SandboxId is { } sid ? sandboxIds.Contains(sid) : networkIds.Contains(tag.NetworkId!);
            if (owned) continue;
            var owner = tag.SandboxId is null ? $"network {tag.NetworkId}" : $"sandbox {tag.SandboxId}";
            errors.Try($"delete link {link.Name}", () =>
            {
                if (_bridges.DeleteLink(link.Index)) removed.Add($"link {link.Name} ({owner} has no record)");
            });
        }
    }

    private static bool IsNamespace(string name, HashSet<NamespaceId> ids)
    {
        using var ns = NetNs.TryOpenNamed(name);
        return ns is not null && ids.Contains(ns.Id);
    }
}
