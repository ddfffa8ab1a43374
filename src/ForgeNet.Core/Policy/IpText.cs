using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Policy;

/// <summary>Strict address and CIDR parsing: IPAddress.TryParse also takes "10" or "1.2.3", which no policy means.</summary>
internal static class IpText
{
    /// <summary>Dotted-quad IPv4 or IPv6 without a zone.</summary>
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
            return !text.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(text, out address);
        var octets = text.Split('.');
        if (octets.Length != 4 || !octets.All(IsOctet)) return false;
        return IPAddress.TryParse(text, out address);
    }

    /// <summary>"10.0.0.0/8", "2001:db8::/32", or a bare address (/32, /128). Host bits set is an error, with the network it names.</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network, [NotNullWhen(false)] out string? error)
    {
        network = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, out var address) || (slash >= 0 && !IsDecimal(text[(slash + 1)..])))
        {
            error = $"'{text}' is not a CIDR (e.g. 10.0.0.0/8 or 2001:db8::/32)";
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            error = $"'{text}' is an IPv4-mapped IPv6 address; write the IPv4 form";
            return false;
        }
        if (!IpPrefix.TryParse(text, out var prefix))
        {
            error = $"'{text}' has a prefix length longer than {(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}";
            return false;
        }
        if (!prefix.Network.BaseAddress.Equals(address))
        {
            // Host bits are an error, not silently cleared: 10.1.2.3/16 is as likely a typo for /32 as for 10.1.0.0/16.
            error = $"'{text}' has host bits set; the network is {prefix.Network}";
            return false;
        }
        network = prefix.Network;
        error = null;
        return true;
    }

    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3 && IsDecimal(part) && int.Parse(part, CultureInfo.InvariantCulture) <= 255;

    private static bool IsDecimal(string part) => part.Length is >= 1 and <= 3 && part.All(char.IsAsciiDigit);
}
