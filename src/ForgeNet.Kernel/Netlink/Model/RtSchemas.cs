using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Netlink.Model;

/// <summary>Which attributes of links, addresses, routes and extended acks are typed, and how.</summary>
internal static class RtSchemas
{
    public static readonly AttributeSchema LinkInfo = new AttributeSchema()
        .Add(AttributeKind.String, Ifla.InfoKind, Ifla.InfoSlaveKind);

    public static readonly AttributeSchema PropList = new AttributeSchema()
        .Add(AttributeKind.String, Ifla.AltIfName);

    public static readonly AttributeSchema Link = new AttributeSchema()
        .Add(AttributeKind.String, Ifla.IfName, Ifla.IfAlias, 6 /* IFLA_QDISC */)
        .Add(AttributeKind.UInt32, Ifla.Mtu, Ifla.Link, Ifla.Master, Ifla.TxQueueLength, Ifla.Group, Ifla.NetNsFd, Ifla.ExtMask,
            Ifla.Promiscuity, Ifla.NumTxQueues, Ifla.NumRxQueues, Ifla.CarrierChanges, Ifla.LinkNetNsId, Ifla.GsoMaxSegs,
            Ifla.GsoMaxSize, Ifla.CarrierUpCount, Ifla.CarrierDownCount, Ifla.MinMtu, Ifla.MaxMtu, Ifla.GroMaxSize,
            Ifla.TsoMaxSize, Ifla.TsoMaxSegs, Ifla.AllMulti)
        .Add(AttributeKind.UInt8, Ifla.OperState, Ifla.LinkMode, Ifla.Carrier, Ifla.ProtoDown)
        .AddNested(Ifla.LinkInfo, LinkInfo)
        .AddNested(Ifla.PropList, PropList);

    public static readonly AttributeSchema Address = new AttributeSchema()
        .Add(AttributeKind.Address, Ifa.Address, Ifa.Local, Ifa.Broadcast, Ifa.Anycast, Ifa.Multicast)
        .Add(AttributeKind.String, Ifa.Label)
        .Add(AttributeKind.UInt32, Ifa.Flags, Ifa.RoutePriority)
        .Add(AttributeKind.UInt8, Ifa.Protocol);

    public static readonly AttributeSchema Route = new AttributeSchema()
        .Add(AttributeKind.Address, Rta.Dst, Rta.Src, Rta.Gateway, Rta.PrefSrc)
        .Add(AttributeKind.UInt32, Rta.Iif, Rta.Oif, Rta.Priority, Rta.Table, Rta.Mark)
        .Add(AttributeKind.UInt8, Rta.Pref);

    public static readonly AttributeSchema ExtAck = new AttributeSchema()
        .Add(AttributeKind.String, Nlm.ErrAttrMsg)
        .Add(AttributeKind.UInt32, Nlm.ErrAttrOffset, Nlm.ErrAttrMissingType);
}
