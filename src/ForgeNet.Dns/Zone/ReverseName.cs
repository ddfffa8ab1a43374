using System.Globalization;
using System.Net;

namespace ForgeNet.Dns.Zone;

/// <summary>Addresses from reverse-lookup names: "5.0.89.10.in-addr.arpa" and the 32-nibble ip6.arpa form.</summary>
public static class ReverseName
{
    private const string V4 = ".in-addr.arpa";
    private const string V6 = ".ip6.arpa";

    /// <summary>Parses a complete reverse name (all 4 octets / 32 nibbles); false for anything else.</summary>
    public static bool TryParse(string name, out IPAddress address)
    {
        address = IPAddress.None;
        if (name.EndsWith(V4, StringComparison.Ordinal))
        {
            var parts = name[..^V4.Length].Split('.');
            if (parts.Length != 4) return false;
            var bytes = new byte[4];
            for (var i = 0; i < 4; i++)
                if (parts[i].Length is 0 or > 3 || (parts[i].Length > 1 && parts[i][0] == '0')
                    || !byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[3 - i])) return false;
            address = new IPAddress(bytes);
            return true;
        }
        if (name.EndsWith(V6, StringComparison.Ordinal))
        {
            var nibbles = name[..^V6.Length].Split('.');
            if (nibbles.Length != 32) return false;
            var bytes = new byte[16];
            for (var i = 0; i < 32; i++)
            {
                if (nibbles[i].Length != 1 || !Uri.IsHexDigit(nibbles[i][0])) return false;
                var value = Convert.ToByte(nibbles[i], 16);
                var index = 15 - i / 2;
                bytes[index] |= (byte)(i % 2 == 0 ? value : value << 4);
            }
            address = new IPAddress(bytes);
            return true;
        }
        return false;
    }
}
