namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Builds RTM_NEWQDISC/RTM_DELQDISC/RTM_GETQDISC the way `tc qdisc` does.</summary>
internal static class QdiscRequest
{
    private const ushort Replace = Nlm.FRequest | Nlm.FAck | Nlm.FReplace | Nlm.FCreate;
    private const ushort Add = Nlm.FRequest | Nlm.FAck | Nlm.FExcl | Nlm.FCreate;
    private const int RateTableLength = 256 * 4;

    /// <summary>
    /// `tc qdisc replace dev D root handle H tbf rate R burst B latency L|limit L`: TCA_TBF_PARMS, TCA_TBF_BURST,
    /// TCA_TBF_RATE64 when the rate needs it, and the rate table. The table is only for kernels that predate
    /// tc_ratespec.linklayer (3.11): with the link layer set the kernel computes times itself. It is sent anyway,
    /// so the request equals tc's and the tick arithmetic is checked against tc's at 256 points.
    /// </summary>
    public static Span<byte> TokenBucket(NetlinkBuffer buffer, int index, uint handle, in TokenBucketParameters parameters, PschedClock clock)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Tc.NewQdisc, Replace);
        writer.WriteTcMsg(index, handle, Tc.HandleRoot);
        writer.WriteString(Tc.Kind, "tbf");
        var options = writer.BeginAttribute(Tc.Options);
        Span<byte> table = stackalloc byte[RateTableLength];
        var cellLog = clock.WriteRateTable(table, parameters.Rate32);
        Span<byte> qopt = stackalloc byte[Tc.TbfQoptLength];
        WriteQopt(qopt, parameters, (byte)cellLog);
        writer.WriteBytes(Tc.TbfParms, qopt);
        writer.WriteUInt32(Tc.TbfBurst, parameters.Burst);
        if (parameters.Rate > uint.MaxValue) writer.WriteUInt64(Tc.TbfRate64, parameters.Rate);
        writer.WriteBytes(Tc.TbfRtab, table);
        writer.EndAttribute(options);
        return writer.EndMessage();
    }

    /// <summary>
    /// `tc qdisc add dev D ingress` (or `replace` when not <paramref name="exclusive"/>). Exclusive tells the caller
    /// by EEXIST whether the qdisc was there before, so it knows whether to remove it again on a later failure.
    /// </summary>
    public static Span<byte> Ingress(NetlinkBuffer buffer, int index, bool exclusive)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Tc.NewQdisc, exclusive ? Add : Replace);
        writer.WriteTcMsg(index, Tc.IngressQdiscHandle, Tc.HandleIngress);
        writer.WriteString(Tc.Kind, "ingress");
        return writer.EndMessage();
    }

    /// <summary>
    /// `tc qdisc del dev D root` or `tc qdisc del dev D parent ffff:fff1`. Handle 0 on purpose: the kernel then answers
    /// ENOENT when only the default qdisc is there; naming ffff: would turn a missing ingress qdisc into EINVAL.
    /// </summary>
    public static Span<byte> Delete(NetlinkBuffer buffer, int index, uint parent)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Tc.DelQdisc, Nlm.FRequest | Nlm.FAck);
        writer.WriteTcMsg(index, 0, parent);
        return writer.EndMessage();
    }

    /// <summary>`tc qdisc show dev D`. The kernel dumps every link's qdiscs whatever the index; callers filter.</summary>
    public static Span<byte> Dump(NetlinkBuffer buffer, int index)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Tc.GetQdisc, Nlm.FRequest | Nlm.FDump);
        writer.WriteTcMsg(index, 0, 0);
        return writer.EndMessage();
    }

    // struct tc_tbf_qopt: rate (tc_ratespec: cell_log, linklayer, overhead, cell_align, mpu, rate), peakrate (unused),
    // limit, buffer, mtu. cell_align -1 is what tc_calc_rtable leaves there.
    private static void WriteQopt(Span<byte> qopt, in TokenBucketParameters parameters, byte cellLog)
    {
        qopt[0] = cellLog;
        qopt[1] = Tc.LinkLayerEthernet;
        HostOrder.WriteUInt16(qopt[4..], 0xFFFF);
        HostOrder.WriteUInt32(qopt[8..], parameters.Rate32);
        HostOrder.WriteUInt32(qopt[24..], parameters.Limit);
        HostOrder.WriteUInt32(qopt[28..], parameters.BufferTicks);
    }
}
