using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Kernel;

/// <summary>
/// An address with a prefix length, as an interface address ("10.0.0.5/24": host bits may be set)
/// or a route destination. <see cref="IPNetwork"/> rejects host bits, so interface addresses need this.
/// </summary>
public readonly record struct IpPrefix(IPAddress Address, int Length)
{
    public AddressFamily Family => Address.AddressFamily;

    public int MaxLength => Family == AddressFamily.InterNetworkV6 ? 128 : 32;

    /// <summary>The network this prefix lies in (host bits cleared).</summary>
    public IPNetwork Network => new(Mask(Address, Length), Length);

    public static IpPrefix Parse(string text) =>
        TryParse(text, out var prefix) ? prefix : throw new FormatException($"'{text}' is not an address with a prefix length (e.g. 10.0.0.5/24 or fd00::5/64)");

    public static bool TryParse([NotNullWhen(true)] string? text, out IpPrefix prefix)
    {
        prefix = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var slash = text.IndexOf('/');
        var addrText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addrText, out var address)) return false;
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)) return false;
        var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var length = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out length) || length > max))
            return false;
        prefix = new IpPrefix(address, length);
        return true;
    }

    /// <summary>The address with all bits after <paramref name="length"/> cleared.</summary>
    public static IPAddress Mask(IPAddress address, int length)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var n);
        bytes = bytes[..n];
        for (var i = 0; i < n; i++)
        {
            var keep = Math.Clamp(length - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    public override string ToString() => $"{Address}/{Length}";
}
