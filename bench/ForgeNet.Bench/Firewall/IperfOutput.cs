using System.Text.Json;

namespace ForgeNet.Bench.Firewall;

/// <summary>One iperf3 run: receiver throughput and sender retransmits.</summary>
internal sealed record IperfSample(double GbitPerSecond, long Retransmits)
{
    /// <summary>Reads `iperf3 -J` output; throws FormatException when it reports an error or lacks the summary.</summary>
    public static IperfSample Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            throw new FormatException($"iperf3: {error.GetString()}");
        }
        if (!root.TryGetProperty("end", out var end) || !end.TryGetProperty("sum_received", out var received)
            || !end.TryGetProperty("sum_sent", out var sent))
        {
            throw new FormatException("iperf3: no end.sum_received in its JSON output");
        }
        var bits = received.GetProperty("bits_per_second").GetDouble();
        var retransmits = sent.TryGetProperty("retransmits", out var r) ? r.GetInt64() : 0;
        return new IperfSample(bits / 1e9, retransmits);
    }
}
