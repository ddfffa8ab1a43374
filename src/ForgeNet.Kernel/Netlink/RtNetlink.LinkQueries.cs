using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Netlink;

/// <summary>Changing, deleting and reading links.</summary>
public sealed partial class RtNetlink
{
    /// <summary>Applies every non-null property of <paramref name="change"/> in one RTM_NEWLINK.</summary>
    public void SetLink(LinkChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(change.Index, nameof(change));
        if (change.Name is not null) LinkNames.Validate(change.Name, nameof(change));
        if (change.Alias is not null) LinkNames.ValidateAlias(change.Alias, nameof(change));
        LinkNames.ValidateMtu(change.Mtu, nameof(change));
        if (change.MasterIndex is < 0) throw new ArgumentOutOfRangeException(nameof(change), change.MasterIndex, "master index must be positive, or 0 to release");
        using var lease = new HandleLease(change.Namespace, nameof(change));
        var attributes = new LinkAttributes(change.Name, change.Mtu, change.Mac, change.Group, change.MasterIndex, change.Alias, lease.Fd);
        var request = LinkRequest.Change(Buffer(), change.Index, change.Up, attributes);
        _connection.Execute(request, new NetlinkOperation("RTM_NEWLINK", Index: change.Index));
    }

    /// <summary>Deletes a link (a veth takes its peer with it). Throws with IsNotFound when there is none.</summary>
    public void DeleteLink(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        _connection.Execute(LinkRequest.Delete(Buffer(), index), new NetlinkOperation("RTM_DELLINK", Index: index));
    }

    /// <summary>Deletes a link by name. Throws with IsNotFound when there is none.</summary>
    public void DeleteLink(string name)
    {
        LinkNames.Validate(name, nameof(name));
        _connection.Execute(LinkRequest.Delete(Buffer(), name: name), new NetlinkOperation("RTM_DELLINK", name));
    }

    /// <summary>
    /// Deletes every link in <paramref name="group"/> with one RTM_DELLINK (far cheaper than one by one).
    /// Throws with IsNotFound (ENODEV) when the group is empty, EOPNOTSUPP when a member cannot be deleted.
    /// </summary>
    public void DeleteLinkGroup(uint group)
    {
        // Group 0 is every link that was never given a group, including lo and the uplink: refuse it here.
        ArgumentOutOfRangeException.ThrowIfZero(group);
        _connection.Execute(LinkRequest.Delete(Buffer(), group: group), new NetlinkOperation("RTM_DELLINK", Detail: $"group {group}"));
    }

    /// <summary>The link named <paramref name="name"/>, or null when there is none.</summary>
    public LinkInfo? GetLink(string name)
    {
        LinkNames.Validate(name, nameof(name));
        return GetOne(LinkRequest.Get(Buffer(), name: name), new NetlinkOperation("RTM_GETLINK", name));
    }

    /// <summary>The link with ifindex <paramref name="index"/>, or null when there is none.</summary>
    public LinkInfo? GetLink(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        return GetOne(LinkRequest.Get(Buffer(), index), new NetlinkOperation("RTM_GETLINK", Index: index));
    }

    /// <summary>Every link in the namespace, with statistics.</summary>
    public IReadOnlyList<LinkInfo> ListLinks() =>
        Query<LinkInfo>(LinkRequest.Get(Buffer(), dump: true), new NetlinkOperation("RTM_GETLINK", Detail: "dump"), RequestKind.Dump, LinkDecoder.TryDecode);

    private LinkInfo? GetOne(Span<byte> request, in NetlinkOperation operation)
    {
        try
        {
            var links = Query<LinkInfo>(request, operation, RequestKind.Get, LinkDecoder.TryDecode);
            return links.Count > 0 ? links[0] : null;
        }
        catch (NetlinkException e) when (e.Errno == Interop.Errno.ENODEV)
        {
            return null;
        }
    }
}
