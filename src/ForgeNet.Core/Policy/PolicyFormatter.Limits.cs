using System.Globalization;
using System.Text;

namespace ForgeNet.Core.Policy;

public static partial class PolicyFormatter
{
    private static void AppendLimits(StringBuilder yaml, TrafficLimits limits)
    {
        if (limits.IsEmpty) return;
        yaml.Append("limits:\n");
        if (limits.Connections is { } connections) yaml.Append("  connections: ").Append(Rate(connections)).Append('\n');
        if (limits.Packets is { } packets) yaml.Append("  packets: ").Append(Rate(packets)).Append('\n');
        if (limits.BandwidthIn is null && limits.BandwidthOut is null) return;
        yaml.Append("  bandwidth:\n");
        if (limits.BandwidthIn is { } input) yaml.Append("    in: ").Append(Bandwidth(input)).Append('\n');
        if (limits.BandwidthOut is { } output) yaml.Append("    out: ").Append(Bandwidth(output)).Append('\n');
    }

    private static string Rate(RateLimit limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{{rate: {limit.RateText}, burst: {limit.Burst}}}");

    private static string Bandwidth(BandwidthLimit limit) =>
        $"{{rate: {BandwidthLimit.FormatBits(limit.BitsPerSecond)}, burst: {BandwidthLimit.FormatBits(limit.BurstBits)}}}";
}
