using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Netlink;

/// <summary>
/// Traffic control: bandwidth limits the way the CNI bandwidth plugin sets them. Traffic leaving a link is shaped by a
/// token bucket as its root qdisc; traffic arriving on a link is redirected to an ifb, whose own root token bucket
/// shapes it. (An ingress policer would need act_police, which many kernels do not build; u32 and mirred are common.)
/// </summary>
public sealed partial class RtNetlink
{
    /// <summary>Creates an ifb link and returns its ifindex.</summary>
    public int CreateIfb(IfbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateKind("ifb", options.Name, new LinkAttributes(options.Name, options.Mtu, options.Mac, options.Group, Alias: options.Alias), options.Up);
    }

    /// <summary>
    /// Makes a token bucket filter the root qdisc of link <paramref name="index"/>, holding what leaves it to the rate.
    /// Replaces another root qdisc; a TBF with the same handle is changed in place. Idempotent.
    /// </summary>
    public void SetTokenBucket(int index, TokenBucketOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        var clock = PschedClock.System;
        var parameters = TokenBucketParameters.From(options, clock);
        var request = QdiscRequest.TokenBucket(Buffer(), index, options.Handle, parameters, clock);
        _connection.Execute(request, new NetlinkOperation("RTM_NEWQDISC", Index: index, Detail: "root tbf"));
    }

    /// <summary>
    /// Redirects every packet arriving on link <paramref name="index"/> to the egress of link <paramref name="targetIndex"/>
    /// (an ifb that is up), through an ingress qdisc and a match-all u32 filter (priority 1, handle 800::800) with a
    /// mirred action. A clsact qdisc already there is used instead. Idempotent: a second call replaces the filter.
    /// <see cref="DeleteQdisc"/> with <see cref="QdiscParent.Ingress"/> undoes it (on clsact, taking its other filters
    /// along). If the filter fails, an ingress qdisc this call created is removed again. The redirect steals the packets,
    /// so ingress filters after it (a clsact's eBPF programs included) do not see them.
    /// </summary>
    public void RedirectIngress(int index, int targetIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetIndex);
        if (index == targetIndex) throw new ArgumentException("a link cannot redirect its ingress to itself", nameof(targetIndex));
        var created = true;
        var parent = Tc.IngressQdiscHandle;
        try
        {
            _connection.Execute(QdiscRequest.Ingress(Buffer(), index, exclusive: true), new NetlinkOperation("RTM_NEWQDISC", Index: index, Detail: "ingress"));
        }
        catch (NetlinkException e) when (e.IsAlreadyExists)
        {
            created = false;
            if (ListQdiscs(index).Any(q => q.IsIngress && q.Kind == "clsact")) parent = Tc.HandleClsactIngress;
        }
        try
        {
            var request = FilterRequest.RedirectIngress(Buffer(), index, targetIndex, parent);
            _connection.Execute(request, new NetlinkOperation("RTM_NEWTFILTER", Index: index, Detail: $"u32 mirred redirect to ifindex {targetIndex}"));
        }
        catch when (created)
        {
            TryDelete(() => DeleteQdisc(index, QdiscParent.Ingress));
            throw;
        }
    }

    /// <summary>
    /// Deletes the root or ingress qdisc of link <paramref name="index"/> (with its filters), leaving the link's default.
    /// Throws with IsNotFound (ENOENT) when only the default is there.
    /// </summary>
    public void DeleteQdisc(int index, QdiscParent parent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        var (handle, name) = parent switch
        {
            QdiscParent.Root => (Tc.HandleRoot, "root"),
            QdiscParent.Ingress => (Tc.HandleIngress, "ingress"),
            _ => throw new ArgumentOutOfRangeException(nameof(parent), parent, "root or ingress"),
        };
        _connection.Execute(QdiscRequest.Delete(Buffer(), index, handle), new NetlinkOperation("RTM_DELQDISC", Index: index, Detail: name));
    }

    /// <summary>The qdiscs of link <paramref name="index"/> (0: of every link), with their counters.</summary>
    public IReadOnlyList<QdiscInfo> ListQdiscs(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var clock = PschedClock.System;
        return Query(QdiscRequest.Dump(Buffer(), index), new NetlinkOperation("RTM_GETQDISC", Index: index, Detail: "dump"), RequestKind.Dump,
            (in NetlinkMessage message, out QdiscInfo? qdisc) => QdiscDecoder.TryDecode(message, index, clock, out qdisc));
    }
}
