namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// The nf_tables netlink protocol (linux/netfilter/nf_tables.h, nfnetlink.h): message types, attribute numbers and
/// the constants libnftables puts in them. Integers in nf_tables attributes are big-endian.
/// </summary>
internal static class NftWire
{
    public const byte SubsysNftables = 10;
    public const ushort BatchBegin = 0x10;
    public const ushort BatchEnd = 0x11;
    public const ushort Nested = 0x8000;

    /// <summary>NFT_MSG_*: the low byte of the message type; the high byte is the subsystem.</summary>
    public static class Msg
    {
        public const byte NewTable = 0, DelTable = 2, NewChain = 3, DelChain = 5, NewRule = 6, DelRule = 8;
        public const byte NewSet = 9, GetSet = 10, DelSet = 11, NewSetElem = 12, GetSetElem = 13, DelSetElem = 14;
    }

    public static ushort Type(byte msg) => (ushort)(SubsysNftables << 8 | msg);

    /// <summary>NFPROTO_* for the nfgenmsg family byte.</summary>
    public static byte Family(NftFamily family) => family switch
    {
        NftFamily.Inet => 1,
        NftFamily.Ip => 2,
        NftFamily.Arp => 3,
        NftFamily.Netdev => 5,
        NftFamily.Bridge => 7,
        NftFamily.Ip6 => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    public static class Table
    {
        public const ushort Name = 1, Flags = 2;
    }

    public static class Chain
    {
        public const ushort Table = 1, Name = 3, Hook = 4, Policy = 5, Type = 7;
        public const ushort HookNum = 1, HookPriority = 2;
    }

    public static class Rule
    {
        public const ushort Table = 1, Chain = 2, Handle = 3, Expressions = 4, UserData = 7;
        public const ushort ListElem = 1, ExprName = 1, ExprData = 2;
    }

    public static class Set
    {
        public const ushort Table = 1, Name = 2, Flags = 3, KeyType = 4, KeyLen = 5, DataType = 6, DataLen = 7;
        public const ushort Desc = 9, Id = 10, Timeout = 11, UserData = 13;
        public const ushort DescSize = 1, DescConcat = 2, ConcatElem = 1, FieldLen = 1;

        public const uint Anonymous = 0x1, Constant = 0x2, Interval = 0x4, Map = 0x8, TimeoutFlag = 0x10, Eval = 0x20, Concat = 0x80;

        /// <summary>NFT_DATA_VERDICT: the data type of a verdict map.</summary>
        public const uint DataVerdict = 0xffffff00;
    }

    public static class Elem
    {
        public const ushort ListTable = 1, ListSet = 2, ListElements = 3, ListSetId = 4;
        public const ushort Item = 1, Key = 1, Data = 2, Flags = 3, Timeout = 4, UserData = 6, KeyEnd = 10;
        public const uint IntervalEnd = 1;
    }

    public static class Data
    {
        public const ushort Value = 1, Verdict = 2;
        public const ushort VerdictCode = 1, VerdictChain = 2;
    }

    /// <summary>Verdict codes: NF_DROP, NF_ACCEPT and the NFT_* ones (negative, sent as two's complement).</summary>
    public static class Verdict
    {
        public const int Drop = 0, Accept = 1, Continue = -1, Jump = -3, Goto = -4, Return = -5;
    }

    /// <summary>libnftnl's user data TLVs (udata): comments, and the type information nft keeps with a set.</summary>
    public static class UData
    {
        public const byte RuleComment = 0, ElemComment = 0;
        public const byte SetKeyByteOrder = 0, SetDataByteOrder = 1, SetMergeElements = 2, SetKeyTypeOf = 3, SetDataTypeOf = 4, SetDataInterval = 6;
        public const byte TypeOfExpr = 0, TypeOfData = 1;
        public const uint ByteOrderInvalid = 0, ByteOrderHost = 1, ByteOrderBig = 2;
    }
}
