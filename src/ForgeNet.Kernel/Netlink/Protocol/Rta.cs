namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Route attribute types (linux/rtnetlink.h).</summary>
internal static class Rta
{
    public const ushort Dst = 1;
    public const ushort Src = 2;
    public const ushort Iif = 3;
    public const ushort Oif = 4;
    public const ushort Gateway = 5;
    public const ushort Priority = 6;
    public const ushort PrefSrc = 7;
    public const ushort Metrics = 8;
    public const ushort Multipath = 9;
    public const ushort CacheInfo = 12;
    public const ushort Table = 15;
    public const ushort Mark = 16;
    public const ushort Pref = 20;
    public const ushort Expires = 23;
}
