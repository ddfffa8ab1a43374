using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Netlink.Model;

/// <summary>
/// A whole rtnetlink message in typed form: the nlmsghdr, the family header (ifinfomsg, ifaddrmsg, rtmsg; for
/// NLMSG_ERROR the errno and the echoed request) kept as bytes, and the attributes typed by schema with unknown
/// ones raw. Parsing then <see cref="ToBytes"/> gives back the same bytes; tests hold captured kernel traffic to that.
/// Not on any hot path: <see cref="LinkDecoder"/> and its siblings read replies without building this.
/// </summary>
internal sealed record RtMessage(NetlinkHeader Header, byte[] FamilyHeader, IReadOnlyList<Nla> Attributes)
{
    public static bool TryParse(ReadOnlySpan<byte> bytes, out RtMessage? message)
    {
        message = null;
        var reader = new NetlinkMessageReader(bytes);
        if (!reader.TryRead(out var raw) || !TryLayout(raw, out var headerLength, out var schema)) return false;
        var attributes = new List<Nla>();
        var attributeReader = new NetlinkAttributeReader(raw.Payload[headerLength..]);
        while (attributeReader.TryRead(out var attribute)) attributes.Add(Nla.From(attribute, schema));
        if (attributeReader.IsMalformed) return false;
        message = new RtMessage(raw.Header, raw.Payload[..headerLength].ToArray(), attributes);
        return true;
    }

    public byte[] ToBytes()
    {
        var writer = new NetlinkMessageWriter(new NetlinkBuffer());
        writer.BeginMessage(Header.Type, Header.Flags, Header.Sequence, Header.PortId);
        FamilyHeader.CopyTo(writer.AppendStruct(FamilyHeader.Length));
        foreach (var attribute in Attributes) attribute.Write(ref writer);
        return writer.EndMessage().ToArray();
    }

    /// <summary>The first attribute of <paramref name="type"/> at the top level, or null.</summary>
    public Nla? Find(ushort type)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Type == type) return attribute;
        }
        return null;
    }

    // Where the attributes start and which schema types them, by message type.
    private static bool TryLayout(in NetlinkMessage message, out int headerLength, out AttributeSchema schema)
    {
        (headerLength, schema) = message.Type switch
        {
            Rtm.NewLink or Rtm.DelLink or Rtm.GetLink => (Rtm.IfInfoLength, RtSchemas.Link),
            Rtm.NewAddr or Rtm.DelAddr or Rtm.GetAddr => (Nlm.Align(Rtm.IfAddrLength), RtSchemas.Address),
            Rtm.NewRoute or Rtm.DelRoute or Rtm.GetRoute => (Rtm.RtMsgLength, RtSchemas.Route),
            Nlm.Error => (ErrorHeaderLength(message), RtSchemas.ExtAck),
            Nlm.Done => (4, RtSchemas.ExtAck),
            _ => (-1, RtSchemas.ExtAck),
        };
        return headerLength >= 0 && headerLength <= message.Payload.Length;
    }

    // errno, then the request's nlmsghdr, plus its payload unless the ack is capped.
    private static int ErrorHeaderLength(in NetlinkMessage message)
    {
        if (!NetlinkHeader.TryParse(message.Payload[Math.Min(4, message.Payload.Length)..], out var request)) return -1;
        if ((message.Header.Flags & Nlm.FCapped) != 0) return 4 + Nlm.HeaderLength;
        return request.Length < Nlm.HeaderLength ? -1 : 4 + Nlm.Align((int)request.Length);
    }
}
