using System.Net;
using System.Text;
using System.Text.Unicode;
using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Netlink.Model;

/// <summary>
/// One attribute, typed when its schema knows it and the payload has the expected shape, raw otherwise, so that
/// parsing and writing again gives the same bytes. <see cref="RawType"/> keeps the NLA_F_* bits as received.
/// </summary>
internal abstract record Nla(ushort RawType)
{
    public ushort Type => (ushort)(RawType & Nlm.AttrTypeMask);

    public abstract void Write(ref NetlinkMessageWriter writer);

    /// <summary>Types <paramref name="attribute"/> by <paramref name="schema"/>; anything that would not round-trip stays raw.</summary>
    public static Nla From(NetlinkAttribute attribute, AttributeSchema schema)
    {
        var (kind, nested) = schema.Rule(attribute.Type);
        var raw = attribute.RawType;
        return kind switch
        {
            AttributeKind.UInt8 when attribute.TryGetUInt8(out var v) => new NlaUInt8(raw, v),
            AttributeKind.UInt16 when attribute.TryGetUInt16(out var v) => new NlaUInt16(raw, v),
            AttributeKind.UInt32 when attribute.TryGetUInt32(out var v) => new NlaUInt32(raw, v),
            AttributeKind.UInt64 when attribute.TryGetUInt64(out var v) => new NlaUInt64(raw, v),
            AttributeKind.Address when attribute.TryGetAddress(out var a) => new NlaAddress(raw, a!),
            AttributeKind.String when NlaString.TryFrom(attribute, out var s) => s!,
            AttributeKind.Nested when NlaNested.TryFrom(attribute, nested!, out var n) => n!,
            _ => new NlaRaw(raw, attribute.Payload.ToArray()),
        };
    }
}

internal sealed record NlaUInt8(ushort RawType, byte Value) : Nla(RawType)
{
    public override void Write(ref NetlinkMessageWriter writer) => writer.WriteUInt8(RawType, Value);
}

internal sealed record NlaUInt16(ushort RawType, ushort Value) : Nla(RawType)
{
    public override void Write(ref NetlinkMessageWriter writer) => writer.WriteUInt16(RawType, Value);
}

internal sealed record NlaUInt32(ushort RawType, uint Value) : Nla(RawType)
{
    public override void Write(ref NetlinkMessageWriter writer) => writer.WriteUInt32(RawType, Value);
}

internal sealed record NlaUInt64(ushort RawType, ulong Value) : Nla(RawType)
{
    public override void Write(ref NetlinkMessageWriter writer) => writer.WriteUInt64(RawType, Value);
}

internal sealed record NlaAddress(ushort RawType, IPAddress Value) : Nla(RawType)
{
    public override void Write(ref NetlinkMessageWriter writer) => writer.WriteAddress(RawType, Value);
}

internal sealed record NlaRaw(ushort RawType, byte[] Value) : Nla(RawType)
{
    public override void Write(ref NetlinkMessageWriter writer) => writer.WriteBytes(RawType, Value);
}

/// <summary>Text; <see cref="Terminated"/> records whether the sender added a NUL (the kernel does, iproute2 not always).</summary>
internal sealed record NlaString(ushort RawType, string Value, bool Terminated) : Nla(RawType)
{
    public override void Write(ref NetlinkMessageWriter writer) => writer.WriteString(RawType, Value, Terminated);

    public static bool TryFrom(NetlinkAttribute attribute, out NlaString? value)
    {
        value = null;
        var payload = attribute.Payload;
        var terminated = !payload.IsEmpty && payload[^1] == 0;
        var text = terminated ? payload[..^1] : payload;
        if (text.IndexOf((byte)0) >= 0 || !Utf8.IsValid(text)) return false;
        value = new NlaString(attribute.RawType, Encoding.UTF8.GetString(text), terminated);
        return true;
    }
}

/// <summary>Attributes inside an attribute, typed by their own schema.</summary>
internal sealed record NlaNested(ushort RawType, IReadOnlyList<Nla> Children) : Nla(RawType)
{
    public override void Write(ref NetlinkMessageWriter writer)
    {
        var token = writer.BeginAttribute(RawType);
        foreach (var child in Children) child.Write(ref writer);
        writer.EndAttribute(token);
    }

    public static bool TryFrom(NetlinkAttribute attribute, AttributeSchema schema, out NlaNested? value)
    {
        value = null;
        var children = new List<Nla>();
        var reader = attribute.Nested;
        while (reader.TryRead(out var child)) children.Add(From(child, schema));
        if (reader.IsMalformed) return false;
        value = new NlaNested(attribute.RawType, children);
        return true;
    }
}
