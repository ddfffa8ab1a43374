namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>
/// The outcome carried by NLMSG_ERROR (an ack when <see cref="Errno"/> is 0) or NLMSG_DONE: the errno and
/// the extended ack the kernel attaches (NLMSGERR_ATTR_MSG text, offset of the offending attribute).
/// </summary>
internal readonly record struct NetlinkAck(int Errno, string? Message, uint? Offset, ushort? MissingType)
{
    /// <summary>The kernel's explanation, or for a missing attribute a sentence naming it; null when it gave none.</summary>
    public string? Text => Message ?? (MissingType is { } type ? $"missing attribute type {type}" : null);

    /// <summary>Parses NLMSG_ERROR: errno, the echoed request (header only when NLM_F_CAPPED), then TLVs.</summary>
    public static bool TryParseError(in NetlinkMessage message, out NetlinkAck ack)
    {
        ack = default;
        var payload = message.Payload;
        if (payload.Length < 4 + Nlm.HeaderLength || !NetlinkHeader.TryParse(payload[4..], out var request)) return false;
        var skip = 4 + Nlm.HeaderLength;
        if ((message.Header.Flags & Nlm.FCapped) == 0)
        {
            if (request.Length < Nlm.HeaderLength || 4 + Nlm.Align((int)request.Length) > payload.Length) return false;
            skip = 4 + Nlm.Align((int)request.Length);
        }
        return TryParseTail(message.Header.Flags, HostOrder.ReadInt32(payload), payload[skip..], out ack);
    }

    /// <summary>Parses NLMSG_DONE: an int status (negative errno when a dump failed), then TLVs.</summary>
    public static bool TryParseDone(in NetlinkMessage message, out NetlinkAck ack)
    {
        ack = default;
        var payload = message.Payload;
        if (payload.Length < 4) return payload.IsEmpty; // very old kernels sent an empty DONE
        return TryParseTail(message.Header.Flags, HostOrder.ReadInt32(payload), payload[4..], out ack);
    }

    private static bool TryParseTail(ushort flags, int status, ReadOnlySpan<byte> tlvs, out NetlinkAck ack)
    {
        string? text = null;
        uint? offset = null;
        ushort? missing = null;
        if ((flags & Nlm.FAckTlvs) != 0)
        {
            var reader = new NetlinkAttributeReader(tlvs);
            while (reader.TryRead(out var attribute))
            {
                switch (attribute.Type)
                {
                    case Nlm.ErrAttrMsg: text = attribute.GetString(); break;
                    case Nlm.ErrAttrOffset when attribute.TryGetUInt32(out var o): offset = o; break;
                    case Nlm.ErrAttrMissingType when attribute.TryGetUInt32(out var t): missing = (ushort)t; break;
                }
            }
            if (reader.IsMalformed)
            {
                ack = default;
                return false;
            }
        }
        ack = new NetlinkAck(status < 0 ? -status : status, string.IsNullOrEmpty(text) ? null : text, offset, missing);
        return true;
    }
}
