namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>nlmsghdr types and flags (linux/netlink.h).</summary>
internal static class Nlm
{
    public const int HeaderLength = 16;
    public const int AlignTo = 4;

    public const ushort Noop = 1;
    public const ushort Error = 2;
    public const ushort Done = 3;
    public const ushort Overrun = 4;

    public const ushort FRequest = 0x01;
    public const ushort FMulti = 0x02;
    public const ushort FAck = 0x04;
    public const ushort FEcho = 0x08;
    public const ushort FDumpIntr = 0x10;
    public const ushort FDumpFiltered = 0x20;

    // GET requests
    public const ushort FRoot = 0x100;
    public const ushort FMatch = 0x200;
    public const ushort FDump = FRoot | FMatch;

    // NEW requests
    public const ushort FReplace = 0x100;
    public const ushort FExcl = 0x200;
    public const ushort FCreate = 0x400;

    // NLMSG_ERROR replies
    public const ushort FCapped = 0x100;
    public const ushort FAckTlvs = 0x200;

    // nlmsgerr_attrs
    public const ushort ErrAttrMsg = 1;
    public const ushort ErrAttrOffset = 2;
    public const ushort ErrAttrMissingType = 5;

    public const ushort AttrFNested = 0x8000;
    public const ushort AttrFNetByteOrder = 0x4000;
    public const ushort AttrTypeMask = 0x3FFF;

    public static int Align(int length) => (length + AlignTo - 1) & ~(AlignTo - 1);
}
