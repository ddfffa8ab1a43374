using System.Buffers.Binary;
using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Parses nf_tables event messages from a NETLINK_NETFILTER datagram: nlmsghdr (16 bytes), nfgenmsg (4 bytes),
/// then attributes. Only the table and object names are read; everything else is skipped.
/// </summary>
internal static class NftMonitorParser
{
    private const int NlmsgHeader = 16;
    private const int NfgenHeader = 4;
    private const int NFNL_SUBSYS_NFTABLES = 10;
    private const ushort NLMSG_ERROR = 2;
    private const ushort NLMSG_DONE = 3;

    // enum nf_tables_msg_types (linux/netfilter/nf_tables.h)
    private const int NFT_MSG_NEWTABLE = 0, NFT_MSG_DELTABLE = 2, NFT_MSG_NEWCHAIN = 3, NFT_MSG_DELCHAIN = 5;
    private const int NFT_MSG_NEWRULE = 6, NFT_MSG_DELRULE = 8, NFT_MSG_NEWSET = 9, NFT_MSG_DELSET = 11;
    private const int NFT_MSG_NEWSETELEM = 12, NFT_MSG_DELSETELEM = 14, NFT_MSG_NEWGEN = 15;

    public static List<NftMonitorEvent> Parse(ReadOnlySpan<byte> datagram)
    {
        var events = new List<NftMonitorEvent>();
        while (datagram.Length >= NlmsgHeader)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram);
            if (length < NlmsgHeader || length > datagram.Length)
                break;
            var type = BinaryPrimitives.ReadUInt16LittleEndian(datagram[4..]);
            var portId = BinaryPrimitives.ReadUInt32LittleEndian(datagram[12..]);
            if (type >> 8 == NFNL_SUBSYS_NFTABLES && length >= NlmsgHeader + NfgenHeader)
                events.Add(ParseMessage(type & 0xff, datagram[NlmsgHeader..length]) with { PortId = portId });
            else if (type is NLMSG_ERROR or NLMSG_DONE)
                break;
            datagram = datagram[Math.Min(Align(length), datagram.Length)..];
        }
        return events;
    }

    private static NftMonitorEvent ParseMessage(int message, ReadOnlySpan<byte> body)
    {
        var family = FamilyOf(body[0]);
        var attributes = ReadAttributes(body[NfgenHeader..]);
        string? Str(int type) => attributes.TryGetValue(type, out var v) ? Encoding.UTF8.GetString(v.AsSpan().TrimEnd((byte)0)) : null;
        return message switch
        {
            NFT_MSG_NEWTABLE => new(NftMonitorEventKind.TableAdded, family, Str(1), null),
            NFT_MSG_DELTABLE => new(NftMonitorEventKind.TableDeleted, family, Str(1), null),
            NFT_MSG_NEWCHAIN => new(NftMonitorEventKind.ChainAdded, family, Str(1), Str(3)),
            NFT_MSG_DELCHAIN => new(NftMonitorEventKind.ChainDeleted, family, Str(1), Str(3)),
            NFT_MSG_NEWRULE => new(NftMonitorEventKind.RuleAdded, family, Str(1), Str(2)),
            NFT_MSG_DELRULE => new(NftMonitorEventKind.RuleDeleted, family, Str(1), Str(2)),
            NFT_MSG_NEWSET => new(NftMonitorEventKind.SetAdded, family, Str(1), Str(2)),
            NFT_MSG_DELSET => new(NftMonitorEventKind.SetDeleted, family, Str(1), Str(2)),
            NFT_MSG_NEWSETELEM => new(NftMonitorEventKind.ElementsAdded, family, Str(1), Str(2)),
            NFT_MSG_DELSETELEM => new(NftMonitorEventKind.ElementsDeleted, family, Str(1), Str(2)),
            NFT_MSG_NEWGEN => new(NftMonitorEventKind.Generation, null, null, null)
            {
                // NFTA_GEN_ID and NFTA_GEN_PROC_PID are big-endian u32; NFTA_GEN_PROC_NAME a string.
                GenerationId = attributes.TryGetValue(1, out var id) && id.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(id) : null,
                ProcessId = attributes.TryGetValue(2, out var pid) && pid.Length >= 4 ? (int)BinaryPrimitives.ReadUInt32BigEndian(pid) : null,
                ProcessName = Str(3),
            },
            _ => new(NftMonitorEventKind.Other, family, null, null),
        };
    }

    private static Dictionary<int, byte[]> ReadAttributes(ReadOnlySpan<byte> span)
    {
        var result = new Dictionary<int, byte[]>();
        while (span.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(span);
            if (length < 4 || length > span.Length)
                break;
            var type = BinaryPrimitives.ReadUInt16LittleEndian(span[2..]) & 0x3fff; // strip NLA_F_NESTED / NET_BYTEORDER
            result.TryAdd(type, span[4..length].ToArray());
            span = span[Math.Min(Align(length), span.Length)..];
        }
        return result;
    }

    // NFPROTO_* values (linux/netfilter.h)
    private static NftFamily? FamilyOf(byte nfproto) => nfproto switch
    {
        1 => NftFamily.Inet,
        2 => NftFamily.Ip,
        3 => NftFamily.Arp,
        5 => NftFamily.Netdev,
        7 => NftFamily.Bridge,
        10 => NftFamily.Ip6,
        _ => null,
    };

    private static int Align(int length) => (length + 3) & ~3;
}
