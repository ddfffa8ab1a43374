namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Traffic-control message types, handles and attribute types (linux/rtnetlink.h, linux/pkt_sched.h, linux/pkt_cls.h).</summary>
internal static class Tc
{
    public const ushort NewQdisc = 36;
    public const ushort DelQdisc = 37;
    public const ushort GetQdisc = 38;
    public const ushort NewFilter = 44;
    public const ushort DelFilter = 45;
    public const ushort GetFilter = 46;

    /// <summary>sizeof(struct tcmsg): family, pads, ifindex, handle, parent, info.</summary>
    public const int TcMsgLength = 20;

    public const uint HandleRoot = 0xFFFF_FFFF;
    public const uint HandleIngress = 0xFFFF_FFF1;

    /// <summary>The ingress hook of a clsact qdisc, ffff:fff2: where its ingress filters hang.</summary>
    public const uint HandleClsactIngress = 0xFFFF_FFF2;

    /// <summary>The ingress qdisc's own handle, ffff:0.</summary>
    public const uint IngressQdiscHandle = 0xFFFF_0000;

    /// <summary>htons(ETH_P_ALL): tcm_info's low 16 bits carry the protocol in network order.</summary>
    public static readonly ushort ProtocolAll = BitConverter.IsLittleEndian ? (ushort)0x0300 : (ushort)0x0003;

    // TCA_*
    public const ushort Kind = 1;
    public const ushort Options = 2;
    public const ushort Stats = 3;
    public const ushort XStats = 4;
    public const ushort Stats2 = 7;
    public const ushort HwOffload = 12;

    // TCA_STATS_* inside TCA_STATS2
    public const ushort StatsBasic = 1;
    public const ushort StatsRateEst = 2;
    public const ushort StatsQueue = 3;
    public const ushort StatsPkt64 = 8;

    // TCA_TBF_*
    public const ushort TbfParms = 1;
    public const ushort TbfRtab = 2;
    public const ushort TbfRate64 = 4;
    public const ushort TbfBurst = 6;

    /// <summary>sizeof(struct tc_tbf_qopt): rate and peakrate tc_ratespec (12 each), limit, buffer, mtu.</summary>
    public const int TbfQoptLength = 36;

    /// <summary>TC_LINKLAYER_ETHERNET: with it set in tc_ratespec the kernel computes times itself and ignores the rate table.</summary>
    public const byte LinkLayerEthernet = 1;

    // TCA_U32_*
    public const ushort U32ClassId = 1;
    public const ushort U32Selector = 5;
    public const ushort U32Actions = 7;

    /// <summary>TC_U32_TERMINAL: a match ends classification.</summary>
    public const byte U32Terminal = 1;

    /// <summary>The first node of u32's root hash table: handle 800::800, which makes a replace find the same filter again.</summary>
    public const uint U32FirstNode = 0x8000_0800;

    // TCA_ACT_*
    public const ushort ActKind = 1;
    public const ushort ActOptions = 2;

    public const ushort MirredParms = 2;

    /// <summary>sizeof(struct tc_mirred): tc_gen (index, capab, action, refcnt, bindcnt), eaction, ifindex.</summary>
    public const int MirredLength = 28;

    public const uint ActStolen = 4;
    public const uint MirredEgressRedirect = 1;
}
