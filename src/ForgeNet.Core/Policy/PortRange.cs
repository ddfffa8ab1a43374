using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ForgeNet.Core.Policy;

/// <summary>A tcp or udp port or port range, as a rule matches it: "443/tcp", "8000-8100/udp".</summary>
public readonly record struct PortRange
{
    /// <summary>A range of <paramref name="protocol"/> ports from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public PortRange(TransportProtocol protocol, int first, int last)
    {
        if (!protocol.HasPorts()) throw new ArgumentException($"{protocol.ToName()} has no ports", nameof(protocol));
        if (first is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(first), first, "ports are 1-65535");
        if (last < first || last > 65535) throw new ArgumentOutOfRangeException(nameof(last), last, "a range ends at or after its start, at most 65535");
        (Protocol, First, Last) = (protocol, first, last);
    }

    /// <summary>A single port.</summary>
    public PortRange(TransportProtocol protocol, int port) : this(protocol, port, port) { }

    /// <summary>Tcp or udp.</summary>
    public TransportProtocol Protocol { get; }

    /// <summary>The first port, 1-65535.</summary>
    public int First { get; }

    /// <summary>The last port, at least <see cref="First"/>.</summary>
    public int Last { get; }

    /// <summary>How many ports the range holds.</summary>
    public int Count => Last - First + 1;

    /// <summary>Reads "443", "443/tcp", "8000-8100/udp"; without a protocol, tcp (as Docker and Kubernetes do).</summary>
    public static bool TryParse(string text, out PortRange range, [NotNullWhen(false)] out string? error)
    {
        range = default;
        var slash = text.IndexOf('/');
        var protocol = TransportProtocol.Tcp;
        if (slash >= 0 && !TryParseProtocol(text, text[(slash + 1)..], out protocol, out error)) return false;
        var portsText = slash < 0 ? text : text[..slash];
        if (!TryParseSpan(portsText, out var first, out var last, out error))
        {
            error = $"'{text}' {error}";
            return false;
        }
        range = new PortRange(protocol, first, last);
        return true;
    }

    /// <summary>"443/tcp" or "8000-8100/udp".</summary>
    public override string ToString() => Format(First, Last) + "/" + Protocol.ToName();

    /// <summary>True when the two ranges share a port of the same protocol.</summary>
    public bool Overlaps(PortRange other) => Protocol == other.Protocol && First <= other.Last && other.First <= Last;

    internal static string Format(int first, int last) => first == last
        ? first.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{first}-{last}");

    /// <summary>Reads "80" or "80-90" into a first and last port; the error completes "'text' ...".</summary>
    internal static bool TryParseSpan(string text, out int first, out int last, [NotNullWhen(false)] out string? error)
    {
        first = last = 0;
        var dash = text.IndexOf('-');
        var isRange = dash >= 0;
        if (!TryParsePort(isRange ? text[..dash] : text, out first) || (isRange && !TryParsePort(text[(dash + 1)..], out last)))
        {
            error = isRange ? "is not a port range (1-65535, e.g. 8000-8100)" : "is not a port (1-65535)";
            return false;
        }
        if (!isRange) last = first;
        if (last < first)
        {
            error = "is not a port range: it ends before it starts";
            return false;
        }
        error = null;
        return true;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    private static bool TryParseProtocol(string text, string name, out TransportProtocol protocol, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!TransportProtocols.TryParse(name, out protocol))
            error = $"'{text}': unknown protocol '{name}'{Spelling.Hint(name, ["tcp", "udp"])}; ports are tcp or udp";
        else if (!protocol.HasPorts())
            error = $"'{text}': {name} has no ports; list {name} types under '{name}:' instead";
        return error is null;
    }
}
