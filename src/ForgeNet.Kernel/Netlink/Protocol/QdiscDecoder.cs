namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>RTM_NEWQDISC (tcmsg + attributes) to <see cref="QdiscInfo"/>, with counters and, for TBF, its parameters.</summary>
internal static class QdiscDecoder
{
    private const int BasicLength = 12;       // gnet_stats_basic: u64 bytes, u32 packets (padded to 16 by the kernel)
    private const int QueueLength = 20;       // gnet_stats_queue: qlen, backlog, drops, requeues, overlimits
    private const int LegacyStatsLength = 36; // tc_stats up to backlog

    /// <summary>
    /// False when malformed; true with null when the message is not RTM_NEWQDISC or belongs to another link than
    /// <paramref name="index"/> (0: every link).
    /// </summary>
    public static bool TryDecode(in NetlinkMessage message, int index, PschedClock clock, out QdiscInfo? qdisc)
    {
        qdisc = null;
        if (message.Type != Tc.NewQdisc) return true;
        var payload = message.Payload;
        if (payload.Length < Tc.TcMsgLength) return false;
        var ifindex = HostOrder.ReadInt32(payload[4..]);
        if (index != 0 && ifindex != index) return true;
        var handle = HostOrder.ReadUInt32(payload[8..]);
        var parent = HostOrder.ReadUInt32(payload[12..]);
        string? kind = null;
        QdiscStats? stats2 = null, legacy = null;
        TokenBucketOptions? tbf = null;
        ReadOnlySpan<byte> options = default;
        var reader = message.Attributes(Tc.TcMsgLength);
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case Tc.Kind: kind = attribute.GetString(); break;
                case Tc.Stats2: if (!TryReadStats2(attribute.Nested, out stats2)) return false; break;
                case Tc.Stats: legacy = ReadLegacyStats(attribute.Payload); break;
                case Tc.Options: options = attribute.Payload; break;
            }
        }
        if (reader.IsMalformed || kind is null) return false;
        // TCA_OPTIONS is read once the kind is known: the kernel sends the kind first, but nothing promises it.
        if (kind == "tbf" && !options.IsEmpty && !TryReadTokenBucket(new NetlinkAttributeReader(options), handle, clock, out tbf)) return false;
        qdisc = new QdiscInfo(ifindex, kind, handle, parent, stats2 ?? legacy) { TokenBucket = tbf };
        return true;
    }

    private static bool TryReadStats2(NetlinkAttributeReader reader, out QdiscStats? stats)
    {
        stats = null;
        ulong bytes = 0, packets = 0;
        uint queueLength = 0, backlog = 0, drops = 0, requeues = 0, overlimits = 0;
        var any = false;
        while (reader.TryRead(out var attribute))
        {
            var p = attribute.Payload;
            switch (attribute.Type)
            {
                case Tc.StatsBasic when p.Length >= BasicLength:
                    bytes = HostOrder.ReadUInt64(p);
                    packets = Math.Max(packets, HostOrder.ReadUInt32(p[8..]));
                    any = true;
                    break;
                case Tc.StatsPkt64 when attribute.TryGetUInt64(out var wide):
                    packets = Math.Max(packets, wide); // sent after BASIC when the count outgrew its 32 bits
                    break;
                case Tc.StatsQueue when p.Length >= QueueLength:
                    (queueLength, backlog, drops, requeues, overlimits) = (HostOrder.ReadUInt32(p), HostOrder.ReadUInt32(p[4..]),
                        HostOrder.ReadUInt32(p[8..]), HostOrder.ReadUInt32(p[12..]), HostOrder.ReadUInt32(p[16..]));
                    any = true;
                    break;
            }
        }
        if (any) stats = new QdiscStats(bytes, packets, drops, overlimits, requeues, backlog, queueLength);
        return !reader.IsMalformed;
    }

    // struct tc_stats, which older kernels send instead of TCA_STATS2: bytes, packets, drops, overlimits, bps, pps, qlen, backlog.
    private static QdiscStats? ReadLegacyStats(ReadOnlySpan<byte> p) =>
        p.Length < LegacyStatsLength ? null
        : new QdiscStats(HostOrder.ReadUInt64(p), HostOrder.ReadUInt32(p[8..]), HostOrder.ReadUInt32(p[12..]),
            HostOrder.ReadUInt32(p[16..]), 0, HostOrder.ReadUInt32(p[32..]), HostOrder.ReadUInt32(p[28..]));

    private static bool TryReadTokenBucket(NetlinkAttributeReader reader, uint handle, PschedClock clock, out TokenBucketOptions? tbf)
    {
        tbf = null;
        ReadOnlySpan<byte> qopt = default;
        ulong? rate64 = null;
        while (reader.TryRead(out var option))
        {
            if (option.Type == Tc.TbfParms) qopt = option.Payload;
            else if (option.Type == Tc.TbfRate64 && option.TryGetUInt64(out var wide)) rate64 = wide;
        }
        if (reader.IsMalformed || qopt.Length < Tc.TbfQoptLength) return false;
        var rate = rate64 ?? HostOrder.ReadUInt32(qopt[8..]);
        // The kernel reports the bucket in ticks (it keeps nanoseconds): back to bytes at the configured rate.
        var burst = rate == 0 ? 0 : clock.TransmitSize(rate, HostOrder.ReadUInt32(qopt[28..]));
        tbf = new TokenBucketOptions(rate, (uint)Math.Min(burst, uint.MaxValue)) { LimitBytes = HostOrder.ReadUInt32(qopt[24..]), Handle = handle };
        return true;
    }
}
