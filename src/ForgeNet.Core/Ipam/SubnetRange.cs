using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Ipam;

/// <summary>
/// A subnet as a range of offsets from its network address. Offset 0 (the network, or IPv6's
/// subnet-router anycast) and 1 (the gateway) are reserved, and so is the IPv4 broadcast.
/// </summary>
internal readonly record struct SubnetRange
{
    public SubnetRange(IpPrefix prefix)
    {
        Prefix = new IpPrefix(IpPrefix.Mask(prefix.Address, prefix.Length), prefix.Length);
        IsV6 = prefix.Family == AddressFamily.InterNetworkV6;
        Base = ToNumber(Prefix.Address);
        var hostBits = Prefix.MaxLength - Prefix.Length;
        LastOffset = hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
    }

    /// <summary>The subnet, host bits cleared.</summary>
    public IpPrefix Prefix { get; }

    public bool IsV6 { get; }

    public string FamilyName => IsV6 ? "IPv6" : "IPv4";

    private UInt128 Base { get; }

    private UInt128 LastOffset { get; }

    /// <summary>First offset a sandbox may get.</summary>
    public static UInt128 FirstHostOffset => 2;

    /// <summary>Last offset a sandbox may get (below FirstHostOffset when there is none).</summary>
    public UInt128 LastHostOffset => IsV6 || LastOffset == 0 ? LastOffset : LastOffset - 1;

    /// <summary>How many addresses sandboxes may get.</summary>
    public UInt128 HostCount => LastOffset < 2 || LastHostOffset < FirstHostOffset ? 0 : LastHostOffset - FirstHostOffset + 1;

    /// <summary>The gateway: the first host address. Null for /31, /32, /127, /128.</summary>
    public IPAddress? Gateway => LastOffset >= 2 ? At(1) : null;

    public bool Contains(IPAddress address) =>
        address.AddressFamily == Prefix.Family && ToNumber(address) >= Base && ToNumber(address) - Base <= LastOffset;

    /// <summary>Offset of an address inside the subnet; call only when <see cref="Contains"/>.</summary>
    public UInt128 OffsetOf(IPAddress address) => ToNumber(address) - Base;

    public IPAddress At(UInt128 offset) => FromNumber(Base + offset, IsV6);

    /// <summary>True for the offsets no sandbox may have: network, gateway, IPv4 broadcast.</summary>
    public bool IsReserved(UInt128 offset) => offset < FirstHostOffset || offset > LastHostOffset;

    /// <summary>The address with this subnet's prefix length, as interfaces carry it.</summary>
    public IpPrefix WithLength(IPAddress address) => new(address, Prefix.Length);

    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var n);
        return n == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress FromNumber(UInt128 value, bool v6)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!v6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
            return new IPAddress(bytes[..4]);
        }
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
