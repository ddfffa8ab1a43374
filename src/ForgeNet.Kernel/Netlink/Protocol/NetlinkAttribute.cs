using System.Net;
using System.Net.NetworkInformation;
using System.Text;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>A view of one attribute (struct nlattr + payload). Typed getters check the payload length.</summary>
internal readonly ref struct NetlinkAttribute
{
    public NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> payload)
    {
        RawType = rawType;
        Payload = payload;
    }

    /// <summary>nla_type as sent, with the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits.</summary>
    public ushort RawType { get; }

    public ushort Type => (ushort)(RawType & Nlm.AttrTypeMask);

    public ReadOnlySpan<byte> Payload { get; }

    public NetlinkAttributeReader Nested => new(Payload);

    public bool TryGetUInt8(out byte value)
    {
        value = Payload.Length == 1 ? Payload[0] : (byte)0;
        return Payload.Length == 1;
    }

    public bool TryGetUInt16(out ushort value)
    {
        value = Payload.Length == 2 ? HostOrder.ReadUInt16(Payload) : (ushort)0;
        return Payload.Length == 2;
    }

    public bool TryGetUInt32(out uint value)
    {
        value = Payload.Length == 4 ? HostOrder.ReadUInt32(Payload) : 0;
        return Payload.Length == 4;
    }

    public bool TryGetInt32(out int value)
    {
        var ok = TryGetUInt32(out var raw);
        value = unchecked((int)raw);
        return ok;
    }

    public bool TryGetUInt64(out ulong value)
    {
        value = Payload.Length == 8 ? HostOrder.ReadUInt64(Payload) : 0;
        return Payload.Length == 8;
    }

    /// <summary>The text up to the first NUL (the kernel terminates strings; iproute2 sometimes does not).</summary>
    public string GetString()
    {
        var end = Payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Payload : Payload[..end]);
    }

    /// <summary>True when the text equals <paramref name="ascii"/>; lets callers reuse a literal instead of allocating.</summary>
    public bool StringEquals(ReadOnlySpan<byte> ascii)
    {
        var end = Payload.IndexOf((byte)0);
        return (end < 0 ? Payload : Payload[..end]).SequenceEqual(ascii);
    }

    public bool TryGetAddress(out IPAddress? address)
    {
        address = Payload.Length is 4 or 16 ? new IPAddress(Payload) : null;
        return address is not null;
    }

    public PhysicalAddress GetPhysicalAddress() => new(Payload.ToArray());
}
