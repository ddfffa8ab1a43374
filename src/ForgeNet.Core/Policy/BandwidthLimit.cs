using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ForgeNet.Core.Policy;

/// <summary>A bandwidth cap in bits per second with a token-bucket burst in bits, as tc's tbf and the CNI bandwidth plugin take it.</summary>
public sealed record BandwidthLimit
{
    /// <summary>The smallest burst accepted: one 1500-byte packet.</summary>
    public const ulong MinimumBurstBits = 12_000;

    /// <summary>The floor of the default burst: 16 kB, enough for one jumbo frame.</summary>
    public const ulong DefaultBurstFloorBits = 128_000;

    /// <summary>A cap of <paramref name="bitsPerSecond"/>; a null <paramref name="burstBits"/> picks <see cref="DefaultBurst"/>.</summary>
    public BandwidthLimit(ulong bitsPerSecond, ulong? burstBits = null)
    {
        if (bitsPerSecond == 0) throw new ArgumentOutOfRangeException(nameof(bitsPerSecond), "a bandwidth is at least 1bit");
        var burst = burstBits ?? DefaultBurst(bitsPerSecond);
        if (burst < MinimumBurstBits) throw new ArgumentOutOfRangeException(nameof(burstBits), $"a burst is at least {MinimumBurstBits} bits");
        (BitsPerSecond, BurstBits) = (bitsPerSecond, burst);
    }

    /// <summary>The rate, in bits per second.</summary>
    public ulong BitsPerSecond { get; }

    /// <summary>The bucket size, in bits.</summary>
    public ulong BurstBits { get; }

    /// <summary>A tenth of a second at the rate, and at least <see cref="DefaultBurstFloorBits"/>.</summary>
    public static ulong DefaultBurst(ulong bitsPerSecond) => Math.Max(bitsPerSecond / 10, DefaultBurstFloorBits);

    /// <summary>Reads tc's bit units: "500kbit", "10mbit", "1.5gbit", "64kibit" (SI units are powers of 1000, "ki" of 1024).</summary>
    public static bool TryParseBits(string text, out ulong bits, [NotNullWhen(false)] out string? error)
    {
        bits = 0;
        var split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] == '.')) split++;
        var unit = text[split..].ToLowerInvariant();
        var number = text[..split];
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || number.Length > 15)
            error = $"'{text}' is not a bandwidth: write a number and a unit, e.g. 10mbit";
        else if (unit.Length == 0)
            error = $"'{text}' needs a unit, e.g. {number}mbit (tc alone would read a bare number as bytes per second)";
        else if (ByteUnits.Contains(unit))
            error = $"'{text}' is ambiguous: tc reads '{unit}' as bytes per second ({FormatBits(value, unit)}); write bits, e.g. {number}{unit[..^2]}it";
        else if (!BitUnits.TryGetValue(unit, out var scale))
            error = $"'{text}': unknown unit '{unit}'{Spelling.Hint(unit, BitUnits.Keys)}; use bit, kbit, mbit, gbit or tbit";
        else if (value * scale is var total && (total != decimal.Truncate(total) || total < 1 || total > ulong.MaxValue))
            error = $"'{text}' is not a whole number of bits from 1bit";
        else
        {
            bits = (ulong)(value * scale);
            error = null;
        }
        return error is null;
    }

    /// <summary>The shortest exact tc spelling: 10000000 -> "10mbit", 1500 -> "1500bit".</summary>
    public static string FormatBits(ulong bits)
    {
        foreach (var (unit, scale) in new[] { ("tbit", 1_000_000_000_000UL), ("gbit", 1_000_000_000UL), ("mbit", 1_000_000UL), ("kbit", 1_000UL) })
            if (bits % scale == 0) return string.Create(CultureInfo.InvariantCulture, $"{bits / scale}{unit}");
        return string.Create(CultureInfo.InvariantCulture, $"{bits}bit");
    }

    public override string ToString() => $"{FormatBits(BitsPerSecond)} burst {FormatBits(BurstBits)}";

    private static string FormatBits(decimal value, string byteUnit) =>
        value * BitUnits[byteUnit[..^2] + "it"] * 8 is var bits && bits <= ulong.MaxValue && bits == decimal.Truncate(bits)
            ? FormatBits((ulong)bits)
            : "a different number";

    private static readonly Dictionary<string, decimal> BitUnits = new(StringComparer.Ordinal)
    {
        ["bit"] = 1m,
        ["kbit"] = 1e3m,
        ["mbit"] = 1e6m,
        ["gbit"] = 1e9m,
        ["tbit"] = 1e12m,
        ["kibit"] = 1024m,
        ["mibit"] = 1024m * 1024,
        ["gibit"] = 1024m * 1024 * 1024,
        ["tibit"] = 1024m * 1024 * 1024 * 1024,
    };

    // tc's byte-per-second units; rejected because "mbps" is read as megabits by nearly everyone but tc.
    private static readonly HashSet<string> ByteUnits = new(StringComparer.Ordinal)
    {
        "bps", "kbps", "mbps", "gbps", "tbps", "kibps", "mibps", "gibps", "tibps",
    };
}
