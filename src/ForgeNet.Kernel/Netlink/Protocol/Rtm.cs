namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>rtnetlink message types and the rtmsg/ifinfomsg constants (linux/rtnetlink.h, linux/if.h).</summary>
internal static class Rtm
{
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort NewAddr = 20;
    public const ushort DelAddr = 21;
    public const ushort GetAddr = 22;
    public const ushort NewRoute = 24;
    public const ushort DelRoute = 25;
    public const ushort GetRoute = 26;

    public const int IfInfoLength = 16;
    public const int IfAddrLength = 8;
    public const int RtMsgLength = 12;

    public const uint IffUp = 0x1;

    public const byte AfUnspec = 0;
    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    public const byte ProtoUnspec = 0;
    public const byte ProtoBoot = 3;

    public const byte ScopeUniverse = 0;
    public const byte ScopeLink = 253;
    public const byte ScopeHost = 254;
    public const byte ScopeNowhere = 255;

    public const byte TypeUnicast = 1;

    public const byte TableUnspec = 0;
    public const uint TableMain = 254;

    public const uint FlagOnLink = 0x4;

    /// <summary>The name of a message type for error texts ("RTM_NEWLINK").</summary>
    public static string Name(ushort type) => type switch
    {
        NewLink => "RTM_NEWLINK",
        DelLink => "RTM_DELLINK",
        GetLink => "RTM_GETLINK",
        NewAddr => "RTM_NEWADDR",
        DelAddr => "RTM_DELADDR",
        GetAddr => "RTM_GETADDR",
        NewRoute => "RTM_NEWROUTE",
        DelRoute => "RTM_DELROUTE",
        GetRoute => "RTM_GETROUTE",
        _ => $"netlink message {type}",
    };
}
