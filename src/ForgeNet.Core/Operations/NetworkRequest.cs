using System.Net.Sockets;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Ipam;
using ForgeNet.Core.Model;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Operations;

/// <summary>A validated <see cref="NetworkSpec"/>: subnets parsed and normalised, MTU decided.</summary>
internal sealed record NetworkRequest(string Name, IpPrefix? Subnet4, IpPrefix? Subnet6, bool Internal, int Mtu)
{
    private const int DefaultMtu = 1500;

    public static NetworkRequest Validate(NetworkSpec spec)
    {
        Names.Validate("network", spec.Name);
        var subnet4 = ParseSubnet(spec.Subnet4, AddressFamily.InterNetwork, 8, 30);
        var subnet6 = ParseSubnet(spec.Subnet6, AddressFamily.InterNetworkV6, 64, 124)
            ?? (spec.Ipv6 ? SubnetPlanner.Ula6(spec.Name) : null);
        var mtu = spec.Mtu ?? DefaultMtu;
        var minimum = subnet6 is null ? 68 : 1280;
        if (mtu < minimum || mtu > 65535)
            throw ForgeException.Invalid($"MTU {mtu} is out of range ({minimum}..65535{(subnet6 is null ? "" : " with IPv6")})");
        return new NetworkRequest(spec.Name, subnet4, subnet6, spec.Internal, mtu);
    }

    // IPv6 stops at /64 on the short side (SLAAC-sized, what podman defaults to) and /124 on the long side (16 addresses).
    private static IpPrefix? ParseSubnet(string? text, AddressFamily family, int shortest, int longest)
    {
        if (text is null) return null;
        var name = family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
        if (!IpPrefix.TryParse(text, out var prefix) || prefix.Family != family || !text.Contains('/'))
            throw ForgeException.Invalid($"invalid {name} subnet '{text}': expected CIDR like {(family == AddressFamily.InterNetwork ? "10.89.5.0/24" : "fd00:1::/64")}");
        if (prefix.Length < shortest || prefix.Length > longest)
            throw ForgeException.Invalid($"{name} subnet {text} must have a prefix length between /{shortest} and /{longest}");
        return new IpPrefix(IpPrefix.Mask(prefix.Address, prefix.Length), prefix.Length);
    }
}
