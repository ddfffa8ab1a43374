using System.Net;
using System.Text;
using ForgeNet.Core.Policy;

namespace ForgeNet.Bench.Firewall;

/// <summary>
/// The server's policies: N ingress rules each allowing one /32 that is never the client (any protocol, as the naive
/// chain's `ip saddr X accept`), then one rule allowing the client peer on the servers' ports. Built as YAML text and
/// read with <see cref="PolicyLoader.Parse"/>, as a user's file.
/// </summary>
internal static class CidrPolicy
{
    /// <summary>Ports the servers listen on: iperf3 and sockperf (both TCP).</summary>
    public const int IperfPort = 5201;
    public const int SockperfPort = 11111;

    /// <summary>A port nothing listens on: connecting to it is refused when nothing filters, and times out when a policy drops it.</summary>
    public const int ClosedPort = 5299;

    private static readonly uint Base = 0xAC100000; // 172.16.0.0/12: never a benchmark sandbox (those are 10.89.0.0/20)

    /// <summary>
    /// The count /32 addresses of variant 0 or 1: every fourth address, so no two are adjacent (the compiler merges
    /// adjacent ones into one interval, and N rules must stay N intervals); variant 1 is offset by 2, so switching
    /// between the two variants changes every element.
    /// </summary>
    public static IEnumerable<IPAddress> Addresses(int count, int variant)
    {
        for (var i = 0; i < count; i++)
        {
            var host = Base + ((uint)i * 4) + 1 + ((uint)variant * 2);
            yield return new IPAddress([(byte)(host >> 24), (byte)(host >> 16), (byte)(host >> 8), (byte)host]);
        }
    }

    /// <summary>Mode private (only the rules pass), N CIDR rules, then the client's rule.</summary>
    public static string Yaml(int cidrRules, int variant, string clientPeer)
    {
        var sb = new StringBuilder(cidrRules * 64 + 256);
        sb.Append("version: 1\nmode: private\ningress:\n");
        foreach (var address in Addresses(cidrRules, variant))
        {
            sb.Append("  - from: [").Append(address).Append("/32]\n");
        }
        sb.Append("  - description: the client\n    from: [{peer: ").Append(clientPeer).Append("}]\n")
            .Append("    ports: [").Append(IperfPort).Append("/tcp, ").Append(SockperfPort).Append("/tcp]\n");
        return sb.ToString();
    }

    /// <summary>The default of a sandbox on a network: every peer, both ways, no other rule.</summary>
    public const string DefaultYaml = "version: 1\nmode: internal\n";

    public static NetworkPolicy Parse(string yaml, string name) => PolicyLoader.Parse(yaml, name).Policy;
}
