using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core.Drivers;

/// <summary>
/// A policy's <c>limits.bandwidth</c> in tc, per endpoint, the way the CNI bandwidth plugin does it. Into the sandbox is out
/// of the host-side veth: a TBF as the veth's root qdisc. Out of the sandbox arrives on the host-side veth: its ingress is
/// redirected to an ifb in the host namespace whose root TBF shapes it. The ifb carries <see cref="Names.LinkGroup"/> and the
/// sandbox's owner alias, like the veth, so gc finds a leaked one. Every change pushes its undo, so a failure part-way
/// restores the limits that were in force.
/// </summary>
internal sealed class BandwidthShaper(HostNamespace host, string instanceId)
{
    /// <summary>Puts <paramref name="limits"/> on a new sandbox's ports, pushing the undo of each change onto <paramref name="undo"/>.</summary>
    public void Apply(IReadOnlyList<ShapedPort> ports, TrafficLimits limits, UndoStack undo) =>
        Change(ports, TrafficLimits.None, limits, undo);

    /// <summary>
    /// Replaces <paramref name="previous"/> limits by <paramref name="next"/> on running ports. On failure restores what
    /// it changed and rethrows; on success returns the undo that brings <paramref name="previous"/> back, for a later failure.
    /// </summary>
    public UndoStack Change(IReadOnlyList<ShapedPort> ports, TrafficLimits previous, TrafficLimits next)
    {
        var undo = new UndoStack();
        try
        {
            Change(ports, previous, next, undo);
        }
        catch
        {
            undo.Run();
            throw;
        }
        return undo;
    }

    /// <summary>Deletes the ifb of <paramref name="hostInterface"/> (the veth's own qdiscs go with the veth); false when there was none.</summary>
    public bool RemoveIfb(string hostInterface) => DeleteIfb(BandwidthPlan.IfbName(hostInterface));

    /// <summary>One line per port and direction with the TBF the kernel holds, read back from it; "" without ports.</summary>
    public string Describe(IEnumerable<string> hostInterfaces)
    {
        var lines = new List<string>();
        foreach (var port in hostInterfaces)
        {
            lines.Add($"{port} in: {DescribeRoot(port)}");
            lines.Add($"{port} out: {DescribeRoot(BandwidthPlan.IfbName(port))}");
        }
        return lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
    }

    private void Change(IReadOnlyList<ShapedPort> ports, TrafficLimits previous, TrafficLimits next, UndoStack undo)
    {
        if (!HasBandwidth(previous) && !HasBandwidth(next)) return;
        // Every limit is planned (and so validated) before the first change.
        var plans = ports.Select(p => (Port: p,
            OldIn: Plan(previous.BandwidthIn, p), In: Plan(next.BandwidthIn, p),
            OldOut: Plan(previous.BandwidthOut, p), Out: Plan(next.BandwidthOut, p))).ToList();
        foreach (var plan in plans)
        {
            var name = plan.Port.HostInterface;
            var veth = KernelErrors.Do($"look up veth {name}", () => host.Netlink.GetLink(name))?.Index
                ?? throw ForgeException.NotFound($"veth {name} is gone");
            ChangeIn(name, veth, plan.OldIn, plan.In, undo);
            ChangeOut(plan.Port, veth, plan.OldOut, plan.Out, undo);
        }
    }

    private void ChangeIn(string name, int veth, TokenBucketOptions? old, TokenBucketOptions? next, UndoStack undo)
    {
        if (next is not null)
        {
            KernelErrors.Do($"limit bandwidth into the sandbox (tbf on {name})", () => host.Netlink.SetTokenBucket(veth, next));
            undo.Push($"restore the bandwidth limit into the sandbox on {name}", old is null
                ? () => DeleteQdiscQuiet(veth, QdiscParent.Root)
                : () => host.Netlink.SetTokenBucket(veth, old));
        }
        else if (old is not null)
        {
            KernelErrors.Do($"remove the bandwidth limit into the sandbox (tbf on {name})", () => DeleteQdiscQuiet(veth, QdiscParent.Root));
            undo.Push($"restore the bandwidth limit into the sandbox on {name}", () => host.Netlink.SetTokenBucket(veth, old));
        }
    }

    private void ChangeOut(ShapedPort port, int veth, TokenBucketOptions? old, TokenBucketOptions? next, UndoStack undo)
    {
        var ifb = BandwidthPlan.IfbName(port.HostInterface);
        var what = $"the bandwidth limit out of the sandbox (ifb {ifb} for {port.HostInterface})";
        // Undo pushed first (both directions are idempotent): a change that stops half-way (ifb made, bucket set,
        // redirect refused) is then taken back too.
        if (next is not null)
        {
            undo.Push($"restore {what}", old is null ? () => RemoveOut(veth, ifb) : () => EnsureOut(port, veth, old));
            KernelErrors.Do($"set {what}", () => EnsureOut(port, veth, next));
        }
        else if (old is not null)
        {
            undo.Push($"restore {what}", () => EnsureOut(port, veth, old));
            KernelErrors.Do($"remove {what}", () => RemoveOut(veth, ifb));
        }
    }

    /// <summary>The ifb (made when missing), its TBF and the redirect of the veth's ingress to it; a new ifb goes again on failure.</summary>
    private void EnsureOut(ShapedPort port, int veth, TokenBucketOptions bucket)
    {
        var name = BandwidthPlan.IfbName(port.HostInterface);
        var alias = Names.SandboxAlias(instanceId, port.SandboxId);
        var existing = host.Netlink.GetLink(name);
        // Never shape through, or redirect to, a link someone else made under that name.
        if (existing is not null && (existing.Kind != "ifb" || existing.Alias != alias))
            throw ForgeException.Exists($"link {name} exists and is not this sandbox's ifb ({existing.Kind ?? "no kind"}, alias '{existing.Alias}')");
        var ifb = existing?.Index ?? host.Netlink.CreateIfb(new IfbOptions(name)
        {
            Mtu = port.Mtu,
            Up = true,
            Group = Names.LinkGroup,
            Alias = alias,
        });
        try
        {
            host.Netlink.SetTokenBucket(ifb, bucket);
            host.Netlink.RedirectIngress(veth, ifb);
        }
        catch when (existing is null)
        {
            DeleteIfb(name);
            throw;
        }
    }

    // The redirect first: a redirect to a deleted ifb would drop everything the sandbox sends.
    private void RemoveOut(int veth, string ifb)
    {
        DeleteQdiscQuiet(veth, QdiscParent.Ingress);
        DeleteIfb(ifb);
    }

    private string DescribeRoot(string link)
    {
        if (host.Netlink.GetLink(link) is not { } info) return "unlimited";
        var root = host.Netlink.ListQdiscs(info.Index).FirstOrDefault(q => q.IsRoot && q.TokenBucket is not null);
        return root?.TokenBucket is { } bucket ? $"{BandwidthPlan.Describe(bucket)} (tbf on {link}{Counters(root.Stats)})" : "unlimited";
    }

    private static string Counters(QdiscStats? stats) =>
        stats is null ? "" : $", {stats.Bytes} bytes sent, {stats.Drops} dropped, {stats.Overlimits} overlimits";

    private static TokenBucketOptions? Plan(BandwidthLimit? limit, ShapedPort port) =>
        limit is null ? null : BandwidthPlan.ToTokenBucket(limit, port.Mtu);

    private static bool HasBandwidth(TrafficLimits limits) => limits.BandwidthIn is not null || limits.BandwidthOut is not null;

    private void DeleteQdiscQuiet(int index, QdiscParent parent)
    {
        try
        {
            host.Netlink.DeleteQdisc(index, parent);
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            // Only the link's default qdisc was there: nothing to remove.
        }
    }

    /// <summary>Deletes the ifb <paramref name="name"/> if it is ours (kind, group and this store's tag); false when there was none.</summary>
    private bool DeleteIfb(string name)
    {
        if (host.Netlink.GetLink(name) is not { Kind: "ifb", Group: Names.LinkGroup } ifb) return false;
        if (OwnerTag.Parse(ifb.Alias)?.InstanceId != instanceId) return false;
        try
        {
            host.Netlink.DeleteLink(ifb.Index);
            return true;
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return false;
        }
    }
}
