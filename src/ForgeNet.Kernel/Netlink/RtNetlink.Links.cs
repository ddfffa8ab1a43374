using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Netlink;

/// <summary>Creating links. Each create asks for an echo (NLM_F_ECHO) to learn the new ifindex without a second request.</summary>
public sealed partial class RtNetlink
{
    /// <summary>Creates a veth pair and returns the ifindex of the local end.</summary>
    public int CreateVeth(VethOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LinkNames.Validate(options.Name, nameof(options));
        LinkNames.Validate(options.PeerName, nameof(options));
        LinkNames.ValidateMtu(options.Mtu, nameof(options));
        if (options.Alias is not null) LinkNames.ValidateAlias(options.Alias, nameof(options));
        return options.PeerUp && options.PeerNamespace is not null ? CreateVethFromPeer(options) : CreateVethHere(options);
    }

    private int CreateVethHere(VethOptions options)
    {
        List<LinkInfo> echoed;
        using (var lease = new HandleLease(options.PeerNamespace, nameof(options)))
        {
            var request = LinkRequest.CreateVeth(Buffer(), options, lease.Fd, echo: true);
            echoed = Query<LinkInfo>(request, new NetlinkOperation("RTM_NEWLINK", options.Name), RequestKind.Change, LinkDecoder.TryDecode);
        }
        return FinishCreate(options.Name, echoed, options.Alias, options.PeerUp);
    }

    // The peer must come up in another namespace, which this socket cannot address; so the request creates the peer
    // there, up, with the local end as its VETH_INFO_PEER, and a second request (by name, here) sets up the local end.
    private int CreateVethFromPeer(VethOptions options)
    {
        using (var lease = new HandleLease(options.PeerNamespace, nameof(options)))
        {
            var request = LinkRequest.CreateVethFromPeer(Buffer(), options, lease.Fd!.Value);
            _connection.Execute(request, new NetlinkOperation("RTM_NEWLINK", options.PeerName, Detail: $"veth peer of {options.Name}"));
        }
        try
        {
            var local = new LinkAttributes(options.Name, MasterIndex: options.MasterIndex, Alias: options.Alias);
            var request = LinkRequest.Change(Buffer(), 0, options.Up ? true : null, local, echo: true);
            var echoed = Query<LinkInfo>(request, new NetlinkOperation("RTM_NEWLINK", options.Name), RequestKind.Change, LinkDecoder.TryDecode);
            return (FindByName(echoed, options.Name) ?? GetLink(options.Name) ?? throw Vanished(options.Name)).Index;
        }
        catch
        {
            TryDelete(() => DeleteLink(options.Name));
            throw;
        }
    }

    /// <summary>Creates a bridge and returns its ifindex.</summary>
    public int CreateBridge(BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateKind("bridge", options.Name, new LinkAttributes(options.Name, options.Mtu, options.Mac, options.Group, Alias: options.Alias), options.Up);
    }

    /// <summary>Creates a dummy link and returns its ifindex.</summary>
    public int CreateDummy(DummyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateKind("dummy", options.Name, new LinkAttributes(options.Name, options.Mtu, options.Mac, options.Group, Alias: options.Alias), options.Up);
    }

    private int CreateKind(string kind, string name, LinkAttributes attributes, bool up)
    {
        LinkNames.Validate(name, "options");
        LinkNames.ValidateMtu(attributes.Mtu, "options");
        if (attributes.Alias is not null) LinkNames.ValidateAlias(attributes.Alias, "options");
        var request = LinkRequest.CreateKind(Buffer(), kind, attributes, up, echo: true);
        var echoed = Query<LinkInfo>(request, new NetlinkOperation("RTM_NEWLINK", name), RequestKind.Change, LinkDecoder.TryDecode);
        return FinishCreate(name, echoed, attributes.Alias, peerUp: false);
    }

    // The echo names the new link; kernels before 6.2 do not echo RTM_NEWLINK, so then it is looked up by name.
    // Whatever the create request could not do (an alias the kernel ignored, the veth peer's IFF_UP) follows here;
    // if that fails the new link is removed again so a failed create leaves nothing behind.
    private int FinishCreate(string name, List<LinkInfo> echoed, string? alias, bool peerUp)
    {
        var link = FindByName(echoed, name) ?? GetLink(name) ?? throw Vanished(name);
        var setAlias = alias is not null && alias != (link.Alias ?? "");
        if (!setAlias && !peerUp) return link.Index;
        try
        {
            if (setAlias) SetLink(new LinkChange(link.Index) { Alias = alias });
            if (peerUp) SetPeerUp(link);
        }
        catch
        {
            TryDelete(() => DeleteLink(link.Index));
            throw;
        }
        return link.Index;
    }

    /// <summary>IFF_UP on a veth's peer in this namespace (the kernel cannot open the peer while creating the pair).</summary>
    private void SetPeerUp(LinkInfo local)
    {
        if (local.LinkIndex <= 0 || local.LinkNamespaceId is not null)
            throw new NetlinkException($"RTM_NEWLINK {local.Name}", Interop.Errno.ENODEV, "the veth peer is not in this namespace");
        var request = LinkRequest.Change(Buffer(), local.LinkIndex, up: true, default);
        _connection.Execute(request, new NetlinkOperation("RTM_NEWLINK", Index: local.LinkIndex, Detail: $"up (peer of {local.Name})"));
    }

    private static NetlinkException Vanished(string name) =>
        new($"RTM_NEWLINK {name}", Interop.Errno.ENODEV, "the link was created but is gone");

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (NetlinkException)
        {
            // Best effort: the original error is the one worth reporting.
        }
    }

    private static LinkInfo? FindByName(List<LinkInfo> links, string name)
    {
        foreach (var link in links)
        {
            if (link.Name == name) return link;
        }
        return null;
    }
}
