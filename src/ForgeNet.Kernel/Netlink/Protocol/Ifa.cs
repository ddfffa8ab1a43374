namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Address attribute types (linux/if_addr.h).</summary>
internal static class Ifa
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Label = 3;
    public const ushort Broadcast = 4;
    public const ushort Anycast = 5;
    public const ushort CacheInfo = 6;
    public const ushort Multicast = 7;
    public const ushort Flags = 8;
    public const ushort RoutePriority = 9;
    public const ushort Protocol = 11;
}
