using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Policy;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// One sandbox's attachment to one network, as the firewall sees it: the host-side veth (<see cref="Port"/>), the
/// sandbox's MAC and addresses, and the policy in force. Its link-local IPv6 address follows from the MAC (EUI-64),
/// as the kernel derives it inside the sandbox.
/// </summary>
internal sealed record FirewallEndpoint(string SandboxId, string SandboxName, string Port, string Mac,
    IPAddress? Address4, IPAddress? Address6, FirewallNetwork Network, NetworkPolicy Policy)
{
    /// <summary>The labels of the sandbox: label selectors of other policies make it a member of their peer sets.</summary>
    public IReadOnlyList<Label> Labels { get; init; } = [];

    /// <summary>fe80::/64 with the EUI-64 interface id of <see cref="Mac"/>.</summary>
    public IPAddress LinkLocal6 { get; } = LinkLocalOf(Mac);

    /// <summary>Every IPv6 source the sandbox may use on this port: its address, when it has one, and its link-local.</summary>
    public IEnumerable<IPAddress> Addresses6 => Address6 is null ? [LinkLocal6] : [Address6, LinkLocal6];

    /// <summary>The endpoint's addresses of one family (IPv6 with the link-local).</summary>
    public IEnumerable<IPAddress> AddressesOf(AddressFamily family) =>
        family == AddressFamily.InterNetwork ? new[] { Address4 }.OfType<IPAddress>() : Addresses6;

    /// <summary>fe80::/64 with the EUI-64 interface id of <paramref name="mac"/>, as the kernel derives it.</summary>
    public static IPAddress LinkLocalOf(string mac)
    {
        var m = mac.Split(':').Select(part => Convert.ToByte(part, 16)).ToArray();
        if (m.Length != 6) throw new ArgumentException($"'{mac}' is not a MAC address", nameof(mac));
        var bytes = new byte[16];
        bytes[0] = 0xfe;
        bytes[1] = 0x80;
        // EUI-64: the universal/local bit flipped, ff:fe in the middle.
        bytes[8] = (byte)(m[0] ^ 0x02);
        bytes[9] = m[1];
        bytes[10] = m[2];
        bytes[11] = 0xff;
        bytes[12] = 0xfe;
        bytes[13] = m[3];
        bytes[14] = m[4];
        bytes[15] = m[5];
        return new IPAddress(bytes);
    }
}
