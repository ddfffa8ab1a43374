using System.Net;

namespace ForgeNet.Dns.Hosting;

/// <summary>Upstream resolvers as operators write them (FORGENET_DNS_UPSTREAMS, <c>--dns-upstream</c>): one parser for every front end.</summary>
public static class DnsUpstreams
{
    /// <summary>The environment variable that replaces the host's resolvers as upstreams.</summary>
    public const string EnvironmentVariable = "FORGENET_DNS_UPSTREAMS";

    /// <summary>"192.0.2.53", "192.0.2.53:5353" or "[2001:db8::53]:5353"; throws <see cref="ArgumentException"/> with a one-line message otherwise.</summary>
    public static IPEndPoint ParseOne(string text)
    {
        // IPAddress.TryParse also takes "[v6]:port" and drops the port: a bracket means an endpoint.
        if (!text.StartsWith('[') && IPAddress.TryParse(text, out var address)) return new IPEndPoint(address, 53);
        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0) return endpoint;
        throw new ArgumentException($"invalid DNS upstream '{text}': use an address or ADDRESS:PORT, e.g. 192.0.2.53 or [2001:db8::53]:5353");
    }

    /// <summary>A comma-separated list of <see cref="ParseOne"/> forms.</summary>
    public static IReadOnlyList<IPEndPoint> ParseList(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseOne).ToList();

    /// <summary>The upstreams <see cref="EnvironmentVariable"/> names; null when it is unset or empty (the host's resolvers then).</summary>
    public static IReadOnlyList<IPEndPoint>? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } list ? ParseList(list) : null;
}
