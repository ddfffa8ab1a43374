namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>Builds RTM_NEWTFILTER requests the way `tc filter` does.</summary>
internal static class FilterRequest
{
    /// <summary>The priority (preference) of the redirect filter.</summary>
    public const ushort RedirectPriority = 1;

    private const int SelectorLength = 16;
    private const int KeyLength = 16;

    /// <summary>
    /// `tc filter replace dev D parent ffff: protocol all prio 1 handle 800::800 u32 match u32 0 0 action mirred egress
    /// redirect dev T`: every packet arriving on D leaves through T (an ifb). u32 because matchall and act_police are
    /// often not built, while u32 and mirred are; the fixed handle makes a second request replace the first filter.
    /// <paramref name="parent"/> is ffff: for an ingress qdisc, ffff:fff2 when the link has clsact instead.
    /// </summary>
    public static Span<byte> RedirectIngress(NetlinkBuffer buffer, int index, int targetIndex, uint parent = Tc.IngressQdiscHandle)
    {
        var writer = new NetlinkMessageWriter(buffer);
        writer.BeginMessage(Tc.NewFilter, Nlm.FRequest | Nlm.FAck | Nlm.FCreate);
        writer.WriteTcMsg(index, Tc.U32FirstNode, parent, info: ((uint)RedirectPriority << 16) | Tc.ProtocolAll);
        writer.WriteString(Tc.Kind, "u32");
        var options = writer.BeginAttribute(Tc.Options);
        WriteMirredRedirect(ref writer, targetIndex);
        Span<byte> selector = stackalloc byte[SelectorLength + KeyLength];
        selector[0] = Tc.U32Terminal;
        selector[2] = 1; // nkeys; the one key (mask 0, value 0 at offset 0) matches every packet
        writer.WriteBytes(Tc.U32Selector, selector);
        writer.EndAttribute(options);
        return writer.EndMessage();
    }

    // TCA_U32_ACT { 1 { TCA_ACT_KIND "mirred", TCA_ACT_OPTIONS (nested flag, as tc sends it) { TCA_MIRRED_PARMS } } }
    private static void WriteMirredRedirect(ref NetlinkMessageWriter writer, int targetIndex)
    {
        var actions = writer.BeginAttribute(Tc.U32Actions);
        var first = writer.BeginAttribute(1);
        writer.WriteString(Tc.ActKind, "mirred");
        var actionOptions = writer.BeginAttribute(Tc.ActOptions | Nlm.AttrFNested);
        Span<byte> mirred = stackalloc byte[Tc.MirredLength];
        HostOrder.WriteUInt32(mirred[8..], Tc.ActStolen);
        HostOrder.WriteUInt32(mirred[20..], Tc.MirredEgressRedirect);
        HostOrder.WriteUInt32(mirred[24..], unchecked((uint)targetIndex));
        writer.WriteBytes(Tc.MirredParms, mirred);
        writer.EndAttribute(actionOptions);
        writer.EndAttribute(first);
        writer.EndAttribute(actions);
    }
}
