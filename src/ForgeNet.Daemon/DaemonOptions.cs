using System.Net;

namespace ForgeNet.Daemon;

/// <summary>The daemon's command line: <c>forgenetd [--socket PATH] [--metrics ADDR|off] [--dns on|off] [--dns-upstream ADDR[:PORT]]... [--trim-when-quiet MS] [--foreground]</c>.</summary>
public sealed record DaemonOptions
{
    /// <summary>The default API socket.</summary>
    public const string DefaultSocket = "/run/forgenet/forgenet.sock";

    /// <summary>The default metrics address.</summary>
    public static readonly IPEndPoint DefaultMetrics = new(IPAddress.Loopback, 9464);

    /// <summary>Where the gRPC API listens.</summary>
    public string SocketPath { get; init; } = DefaultSocket;

    /// <summary>Where /metrics is served over plain HTTP; null = not at all.</summary>
    public IPEndPoint? Metrics { get; init; } = DefaultMetrics;

    /// <summary>How often the drop-burst detector reads the firewall counters; zero turns it off.</summary>
    public TimeSpan DropBurstInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Dropped packets of one sandbox within one interval that make a DROP_BURST event.</summary>
    public ulong DropBurstThreshold { get; init; } = 100;

    /// <summary>Whether the daemon hosts the networks' resolvers (docs/DNS.md).</summary>
    public bool Dns { get; init; } = true;

    /// <summary>Upstream resolvers (--dns-upstream, else FORGENET_DNS_UPSTREAMS); empty = the host's /etc/resolv.conf.</summary>
    public IReadOnlyList<IPEndPoint> DnsUpstreams { get; init; } = [];

    /// <summary>How long the daemon must be quiet after a burst of work before it gives memory back (<see cref="Hosting.MemoryTrimService"/>); zero never.</summary>
    public TimeSpan TrimWhenQuiet { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a one-line message on a mistake.</summary>
    public static DaemonOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DaemonOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            options = arg switch
            {
                "--socket" => options with { SocketPath = Path.GetFullPath(Value()) },
                "--metrics" => options with { Metrics = ParseMetrics(Value()) },
                "--dns" => options with { Dns = ParseSwitch(arg, Value()) },
                "--dns-upstream" => options with { DnsUpstreams = [.. options.DnsUpstreams, ParseUpstream(Value())] },
                "--drop-burst-interval" => options with { DropBurstInterval = TimeSpan.FromMilliseconds(ParseNumber(arg, Value())) },
                "--drop-burst-threshold" => options with { DropBurstThreshold = ParseNumber(arg, Value()) },
                "--trim-when-quiet" => options with { TrimWhenQuiet = TimeSpan.FromMilliseconds(ParseNumber(arg, Value())) },
                // The daemon never forks: it always runs in the foreground (systemd's Type=exec, or a terminal).
                "--foreground" => options,
                _ => throw new ArgumentException($"unknown option '{arg}' (usage: forgenetd [--socket PATH] [--metrics ADDR:PORT|off] [--dns on|off] [--dns-upstream ADDR[:PORT]] [--trim-when-quiet MS] [--foreground])"),
            };
        }
        if (options.DnsUpstreams.Count == 0 && ForgeNet.Dns.Hosting.DnsUpstreams.FromEnvironment() is { } fromEnvironment)
            options = options with { DnsUpstreams = fromEnvironment };
        return options;
    }

    private static IPEndPoint? ParseMetrics(string text)
    {
        if (text is "off" or "none" or "") return null;
        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0) return endpoint;
        throw new ArgumentException($"invalid --metrics '{text}': use ADDRESS:PORT, e.g. 127.0.0.1:9464, or off");
    }

    private static bool ParseSwitch(string option, string text) => text switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" or "none" => false,
        _ => throw new ArgumentException($"invalid {option} '{text}': on or off"),
    };

    /// <summary>An address (port 53) or ADDRESS:PORT ([v6]:PORT).</summary>
    private static IPEndPoint ParseUpstream(string text) => ForgeNet.Dns.Hosting.DnsUpstreams.ParseOne(text);

    private static ulong ParseNumber(string option, string text) =>
        ulong.TryParse(text, out var value) ? value : throw new ArgumentException($"invalid {option} '{text}': a whole number");
}
