using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ForgeNet.Core.Policy;

internal sealed partial class PolicyParser
{
    private static TrafficLimits ParseLimits(YamlCursor value)
    {
        var limits = TrafficLimits.None;
        if (value.IsNull) return limits;
        foreach (var (key, item) in value.Entries(["connections", "packets", "bandwidth"]))
        {
            limits = key switch
            {
                "connections" => limits with { Connections = ParseRateLimit(item) },
                "packets" => limits with { Packets = ParseRateLimit(item) },
                _ => ParseBandwidth(limits, item),
            };
        }
        return limits;
    }

    // "100/second", or {rate: 100/second, burst: 20}.
    private static RateLimit ParseRateLimit(YamlCursor value)
    {
        if (value.Node is YamlScalarNode)
            return new RateLimit(ParseRate(value, out var scalarUnit), scalarUnit);
        uint? rate = null;
        var unit = RateUnit.Second;
        var burst = RateLimit.DefaultBurst;
        foreach (var (key, item) in value.Entries(["rate", "burst"]))
        {
            if (key == "rate") rate = ParseRate(item, out unit);
            else burst = ParseCount(item);
        }
        return rate is { } r ? new RateLimit(r, unit, burst) : throw value.Error("a limit needs a rate, e.g. {rate: 100/second, burst: 20}");
    }

    private static uint ParseRate(YamlCursor value, out RateUnit unit) =>
        RateLimit.TryParseRate(value.Scalar("a rate such as 100/second"), out var rate, out unit, out var error) ? rate : throw value.Error(error);

    private static uint ParseCount(YamlCursor value)
    {
        var text = value.Scalar("a whole number");
        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw value.Error($"'{text}' is not a burst: write a whole number of at least 1");
    }

    private static TrafficLimits ParseBandwidth(TrafficLimits limits, YamlCursor value)
    {
        if (value.IsNull) return limits;
        foreach (var (key, item) in value.Entries(["in", "out"]))
        {
            limits = key == "in"
                ? limits with { BandwidthIn = ParseBandwidthLimit(item) }
                : limits with { BandwidthOut = ParseBandwidthLimit(item) };
        }
        return limits;
    }

    // "10mbit", or {rate: 10mbit, burst: 1mbit}.
    private static BandwidthLimit ParseBandwidthLimit(YamlCursor value)
    {
        if (value.Node is YamlScalarNode) return new BandwidthLimit(ParseBits(value));
        ulong? rate = null;
        ulong? burst = null;
        foreach (var (key, item) in value.Entries(["rate", "burst"]))
        {
            if (key == "rate") rate = ParseBits(item);
            else burst = ParseBurst(item);
        }
        return rate is { } r ? new BandwidthLimit(r, burst) : throw value.Error("a bandwidth limit needs a rate, e.g. {rate: 10mbit, burst: 1mbit}");
    }

    private static ulong ParseBits(YamlCursor value) =>
        BandwidthLimit.TryParseBits(value.Scalar("a bandwidth such as 10mbit"), out var bits, out var error) ? bits : throw value.Error(error);

    private static ulong ParseBurst(YamlCursor value)
    {
        var bits = ParseBits(value);
        return bits >= BandwidthLimit.MinimumBurstBits
            ? bits
            : throw value.Error($"a burst of {BandwidthLimit.FormatBits(bits)} cannot hold one 1500-byte packet; use at least {BandwidthLimit.FormatBits(BandwidthLimit.MinimumBurstBits)}");
    }
}
