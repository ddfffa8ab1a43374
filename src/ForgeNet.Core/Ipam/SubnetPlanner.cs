using System.Net;
using System.Net.Sockets;
using System.Text;
using ForgeNet.Core.Model;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Ipam;

/// <summary>Subnet choice and overlap rules for new networks.</summary>
internal static class SubnetPlanner
{
    /// <summary>The pool default IPv4 subnets come from (podman's default network uses 10.88.0.0/16).</summary>
    public static readonly IpPrefix DefaultPool4 = IpPrefix.Parse("10.89.0.0/16");

    /// <summary>True when the two prefixes share any address (one contains the other's network).</summary>
    public static bool Overlaps(IpPrefix a, IpPrefix b)
    {
        if (a.Family != b.Family) return false;
        var shorter = Math.Min(a.Length, b.Length);
        return IpPrefix.Mask(a.Address, shorter).Equals(IpPrefix.Mask(b.Address, shorter));
    }

    /// <summary>The first 10.89.N.0/24 (N from 0) overlapping none of <paramref name="taken"/>; null when all are.</summary>
    public static IpPrefix? ChooseDefault4(IEnumerable<IpPrefix> taken)
    {
        var list = taken.Where(t => t.Family == AddressFamily.InterNetwork).ToList();
        var pool = DefaultPool4.Address.GetAddressBytes();
        for (var n = 0; n < 256; n++)
        {
            var candidate = new IpPrefix(new IPAddress([pool[0], pool[1], (byte)n, 0]), 24);
            if (!list.Any(t => Overlaps(t, candidate))) return candidate;
        }
        return null;
    }

    /// <summary>A ULA /64, fdXX:XXXX:XXXX::/64, with the 40-bit global id from SHA-256 of the network name.</summary>
    public static IpPrefix Ula6(string networkName)
    {
        var hash = Sha256.HashData(Encoding.UTF8.GetBytes(networkName));
        var bytes = new byte[16];
        bytes[0] = 0xfd;
        hash.AsSpan(0, 5).CopyTo(bytes.AsSpan(1));
        return new IpPrefix(new IPAddress(bytes), 64);
    }
}
