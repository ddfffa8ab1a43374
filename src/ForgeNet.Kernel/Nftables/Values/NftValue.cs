using System.Net;
using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// A value in a rule, set element or map: a number, string, address, prefix, range, concatenation, set reference,
/// anonymous set, flag list or verdict. Build them with the static factories. <c>ToString()</c> gives nft syntax.
/// </summary>
public abstract record NftValue
{
    private protected NftValue()
    {
    }

    public static NftValue Number(ulong value) => new NftNumber(value);

    /// <summary>A port (<c>inet_service</c>).</summary>
    public static NftValue Port(ushort port) => new NftNumber(port);

    public static NftValue String(string value) => new NftString(value);

    /// <summary>An interface name (<c>ifname</c>): at most 15 bytes.</summary>
    public static NftValue IfName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.UTF8.GetByteCount(name) > 15)
            throw new ArgumentException($"interface name '{name}' is longer than 15 bytes (IFNAMSIZ)", nameof(name));
        return new NftString(name);
    }

    public static NftValue Address(IPAddress address) => new NftAddress(address);

    /// <summary>A network prefix; host bits are cleared, and a full-length prefix becomes a plain address.</summary>
    public static NftValue Prefix(IpPrefix prefix) =>
        prefix.Length == prefix.MaxLength ? new NftAddress(prefix.Address) : new NftPrefix(prefix.Network.BaseAddress, prefix.Length);

    /// <summary>An inclusive range (<c>80-90</c>, <c>10.0.0.1-10.0.0.5</c>).</summary>
    public static NftValue Range(NftValue from, NftValue to) => new NftRange(from, to);

    public static NftValue PortRange(ushort from, ushort to) => new NftRange(new NftNumber(from), new NftNumber(to));

    /// <summary>A concatenation (<c>10.0.0.1 . 53</c>) matching a concatenated key type.</summary>
    public static NftValue Concat(params NftValue[] parts) => new NftConcat(parts);

    /// <summary>A reference to a named set or map (<c>@name</c>).</summary>
    public static NftValue SetRef(string name) => new NftSetRef(name);

    /// <summary>An anonymous set (<c>{ 53, 5353 }</c>).</summary>
    public static NftValue Set(params NftValue[] elements) => new NftAnonymousSet(elements);

    /// <summary>An anonymous set of ports.</summary>
    public static NftValue Ports(params ushort[] ports) => new NftAnonymousSet([.. ports.Select(p => (NftValue)new NftNumber(p))]);

    /// <summary>A layer-4 protocol, by the name nft prints for it.</summary>
    public static NftValue L4Proto(NftL4Proto proto) => new NftString(NftValueNames.Of(proto));

    /// <summary>Conntrack states: one name, or a flag list nft matches with <c>in</c>.</summary>
    public static NftValue CtState(NftCtState states) => NftValueNames.Of(states);

    public sealed override string ToString() => NftText.Format(this);
}
