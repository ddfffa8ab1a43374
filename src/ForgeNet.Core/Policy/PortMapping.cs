using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Core.Policy;

/// <summary>A published port: HOST:SANDBOX/proto, e.g. "8080:80/tcp", "127.0.0.1:8080:80/tcp", "8000-8010:9000-9010/udp".</summary>
public sealed record PortMapping
{
    /// <summary>Publishes <paramref name="hostPorts"/> on <paramref name="hostAddress"/> (null: all the host's addresses) to <paramref name="sandboxPorts"/>.</summary>
    public PortMapping(IPAddress? hostAddress, PortRange hostPorts, PortRange sandboxPorts)
    {
        if (hostPorts.Protocol != sandboxPorts.Protocol)
            throw new ArgumentException("host and sandbox ports must have the same protocol", nameof(sandboxPorts));
        if (hostPorts.Count != sandboxPorts.Count)
            throw new ArgumentException("host and sandbox port ranges must have the same length", nameof(sandboxPorts));
        if (hostAddress is not null && HostAddressError(hostAddress) is { } error)
            throw new ArgumentException(error, nameof(hostAddress));
        (HostAddress, HostPorts, SandboxPorts) = (hostAddress, hostPorts, sandboxPorts);
    }

    /// <summary>The host address the port is published on; null for every address of the host (IPv4 and IPv6).</summary>
    public IPAddress? HostAddress { get; }

    /// <summary>The ports on the host.</summary>
    public PortRange HostPorts { get; }

    /// <summary>The ports inside the sandbox; host port First + i goes to sandbox port First + i.</summary>
    public PortRange SandboxPorts { get; }

    /// <summary>Tcp or udp, the same on both sides.</summary>
    public TransportProtocol Protocol => HostPorts.Protocol;

    /// <summary>Reads [HOSTIP:]HOSTPORT[-END]:SANDBOXPORT[-END][/tcp|/udp]; an IPv6 host address goes in brackets.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out PortMapping? mapping, [NotNullWhen(false)] out string? error)
    {
        mapping = null;
        var protocol = TransportProtocol.Tcp;
        var slash = text.IndexOf('/');
        var body = slash < 0 ? text : text[..slash];
        if (slash >= 0 && !TryParseProtocol(text, text[(slash + 1)..], out protocol, out error)) return false;
        if (!TrySplit(text, body, out var addressText, out var hostText, out var sandboxText, out error)) return false;
        IPAddress? address = null;
        if (addressText is not null && !TryParseAddress(text, addressText, out address, out error)) return false;
        if (!PortRange.TryParseSpan(hostText, out var hostFirst, out var hostLast, out error)
            || !PortRange.TryParseSpan(sandboxText, out var sandboxFirst, out var sandboxLast, out error))
        {
            error = $"'{text}': {(PortRange.TryParseSpan(hostText, out _, out _, out _) ? $"sandbox port '{sandboxText}'" : $"host port '{hostText}'")} {error}";
            return false;
        }
        if (hostLast - hostFirst != sandboxLast - sandboxFirst)
        {
            error = $"'{text}': the host range has {hostLast - hostFirst + 1} ports and the sandbox range {sandboxLast - sandboxFirst + 1}; they must be equal";
            return false;
        }
        mapping = new PortMapping(address, new PortRange(protocol, hostFirst, hostLast), new PortRange(protocol, sandboxFirst, sandboxLast));
        return true;
    }

    /// <summary>True when both publish a common host port of the same protocol on a common host address.</summary>
    public bool ConflictsWith(PortMapping other) =>
        HostPorts.Overlaps(other.HostPorts) && AddressesOverlap(HostAddress, other.HostAddress);

    /// <summary>"127.0.0.1:8080:80/tcp", "[::1]:8080:80/tcp" or "8000-8010:9000-9010/udp".</summary>
    public override string ToString()
    {
        var address = HostAddress switch
        {
            null => "",
            { AddressFamily: AddressFamily.InterNetworkV6 } v6 => $"[{v6}]:",
            var v4 => $"{v4}:",
        };
        return $"{address}{PortRange.Format(HostPorts.First, HostPorts.Last)}:{SandboxPorts}";
    }

    private static bool AddressesOverlap(IPAddress? a, IPAddress? b) =>
        a is null || b is null || a.Equals(b)
        || (a.AddressFamily == b.AddressFamily && (IsAny(a) || IsAny(b)));

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static string? HostAddressError(IPAddress address)
    {
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)) return "not an IP address";
        if (address.IsIPv4MappedToIPv6) return "an IPv4-mapped IPv6 address; write the IPv4 address";
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0) return "a scoped IPv6 address; ports are published without a zone";
        var bytes = address.GetAddressBytes();
        var multicast = address.AddressFamily == AddressFamily.InterNetwork ? bytes[0] >= 224 && !address.Equals(IPAddress.Any) : address.IsIPv6Multicast;
        return multicast ? "a multicast or broadcast address; publish on a unicast address" : null;
    }

    private static bool TrySplit(string text, string body, out string? address, out string host, out string sandbox, [NotNullWhen(false)] out string? error)
    {
        address = null;
        host = sandbox = "";
        error = null;
        var rest = body;
        if (body.StartsWith('['))
        {
            var close = body.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0) { error = $"'{text}': an IPv6 host address is written [addr]:HOST:SANDBOX"; return false; }
            (address, rest) = (body[1..close], body[(close + 2)..]);
        }
        var parts = rest.Split(':');
        if (address is null && parts.Length == 3) (address, parts) = (parts[0], parts[1..]);
        if (parts.Length != 2)
            error = $"'{text}' is not a port mapping: write HOST:SANDBOX, e.g. 8080:80/tcp or 127.0.0.1:8080:80/tcp";
        else if (parts[0].Length == 0)
            error = $"'{text}': the host port is missing; ForgeNet does not pick one at random";
        else
            (host, sandbox) = (parts[0], parts[1]);
        return error is null;
    }

    private static bool TryParseAddress(string text, string addressText, out IPAddress? address, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!IpText.TryParseAddress(addressText, out address))
            error = $"'{text}': '{addressText}' is not an IP address";
        else if (HostAddressError(address) is { } problem)
            error = $"'{text}': '{addressText}' is {problem}";
        return error is null;
    }

    private static bool TryParseProtocol(string text, string name, out TransportProtocol protocol, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!TransportProtocols.TryParse(name, out protocol) || !protocol.HasPorts())
            error = $"'{text}': '{name}' is not a protocol that can be published{Spelling.Hint(name, ["tcp", "udp"])}; use tcp or udp";
        return error is null;
    }
}
