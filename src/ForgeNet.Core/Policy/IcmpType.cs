using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ForgeNet.Core.Policy;

/// <summary>An ICMP or ICMPv6 message type a rule allows, e.g. icmp echo-request (8).</summary>
public readonly record struct IcmpType
{
    /// <summary>Type <paramref name="type"/> of <paramref name="protocol"/> (icmp or icmpv6).</summary>
    public IcmpType(TransportProtocol protocol, byte type)
    {
        if (protocol is not (TransportProtocol.Icmp or TransportProtocol.IcmpV6))
            throw new ArgumentException($"{protocol.ToName()} has no ICMP types", nameof(protocol));
        (Protocol, Type) = (protocol, type);
    }

    /// <summary>Icmp or IcmpV6.</summary>
    public TransportProtocol Protocol { get; }

    /// <summary>The ICMP type number.</summary>
    public byte Type { get; }

    /// <summary>The nftables name ("echo-request") or, for a type without one, its number.</summary>
    public string Name => IcmpTypeNames.NameOf(Protocol, Type) ?? Type.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads an nftables type name ("echo-request", "nd-neighbor-solicit") or a number 0-255.</summary>
    public static bool TryParse(TransportProtocol protocol, string text, out IcmpType type, [NotNullWhen(false)] out string? error)
    {
        type = default;
        error = null;
        var names = Names(protocol);
        if (names.TryGetValue(text, out var known)) type = new IcmpType(protocol, known);
        else if (byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) type = new IcmpType(protocol, number);
        else error = $"'{text}' is not an {protocol.ToName()} type{Spelling.Hint(text, names.Keys)}; use a name such as echo-request or a number 0-255";
        return error is null;
    }

    public override string ToString() => Name;

    private static IReadOnlyDictionary<string, byte> Names(TransportProtocol protocol) =>
        protocol == TransportProtocol.IcmpV6 ? IcmpTypeNames.V6 : IcmpTypeNames.V4;
}
