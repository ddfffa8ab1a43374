namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Link attribute types (linux/if_link.h) this library reads or writes.</summary>
internal static class Ifla
{
    public const ushort Address = 1;
    public const ushort Broadcast = 2;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Stats = 7;
    public const ushort Master = 10;
    public const ushort TxQueueLength = 13;
    public const ushort OperState = 16;
    public const ushort LinkMode = 17;
    public const ushort LinkInfo = 18;
    public const ushort IfAlias = 20;
    public const ushort Stats64 = 23;
    public const ushort AfSpec = 26;
    public const ushort Group = 27;
    public const ushort NetNsFd = 28;
    public const ushort ExtMask = 29;
    public const ushort Promiscuity = 30;
    public const ushort NumTxQueues = 31;
    public const ushort NumRxQueues = 32;
    public const ushort Carrier = 33;
    public const ushort CarrierChanges = 35;
    public const ushort LinkNetNsId = 37;
    public const ushort ProtoDown = 39;
    public const ushort GsoMaxSegs = 40;
    public const ushort GsoMaxSize = 41;
    public const ushort CarrierUpCount = 47;
    public const ushort CarrierDownCount = 48;
    public const ushort MinMtu = 50;
    public const ushort MaxMtu = 51;
    public const ushort PropList = 52;
    public const ushort AltIfName = 53;
    public const ushort PermAddress = 54;
    public const ushort GroMaxSize = 58;
    public const ushort TsoMaxSize = 59;
    public const ushort TsoMaxSegs = 60;
    public const ushort AllMulti = 61;

    // IFLA_LINKINFO children
    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;
    public const ushort InfoSlaveKind = 4;

    // IFLA_INFO_DATA of a veth
    public const ushort VethInfoPeer = 1;

    /// <summary>IFNAMSIZ - 1: the longest interface name the kernel accepts.</summary>
    public const int MaxNameLength = 15;

    /// <summary>IFALIASZ - 1.</summary>
    public const int MaxAliasLength = 255;
}
