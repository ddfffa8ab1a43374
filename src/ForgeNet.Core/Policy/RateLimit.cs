using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ForgeNet.Core.Policy;

/// <summary>A token-bucket limit in events per period, as nftables' <c>limit rate N/second burst B packets</c>.</summary>
public sealed record RateLimit
{
    /// <summary>nftables' own default burst when a limit names none.</summary>
    public const uint DefaultBurst = 5;

    /// <summary>At most <paramref name="rate"/> events per <paramref name="per"/>, with bursts of up to <paramref name="burst"/>.</summary>
    public RateLimit(uint rate, RateUnit per, uint burst = DefaultBurst)
    {
        if (rate == 0) throw new ArgumentOutOfRangeException(nameof(rate), "a rate is at least 1");
        if (burst == 0) throw new ArgumentOutOfRangeException(nameof(burst), "a burst is at least 1");
        (Rate, Per, Burst) = (rate, per, burst);
    }

    /// <summary>Events allowed per <see cref="Per"/>.</summary>
    public uint Rate { get; }

    /// <summary>The period of <see cref="Rate"/>.</summary>
    public RateUnit Per { get; }

    /// <summary>Events allowed at once above the rate, in packets.</summary>
    public uint Burst { get; }

    /// <summary>The rate in events per second (fractional for slower periods).</summary>
    public double PerSecond => Rate / Per switch
    {
        RateUnit.Second => 1.0,
        RateUnit.Minute => 60.0,
        RateUnit.Hour => 3600.0,
        _ => 86400.0,
    };

    /// <summary>Reads "100/second", "100/s", "6000/minute" or a bare "100" (per second).</summary>
    public static bool TryParseRate(string text, out uint rate, out RateUnit per, [NotNullWhen(false)] out string? error)
    {
        per = RateUnit.Second;
        var slash = text.IndexOf('/');
        var count = slash < 0 ? text : text[..slash];
        error = null;
        if (!uint.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out rate) || rate == 0)
            error = $"'{text}' is not a rate: write a whole number of at least 1 and a period, e.g. 100/second";
        else if (slash >= 0 && !TryParseUnit(text[(slash + 1)..], out per))
            error = $"'{text}': '{text[(slash + 1)..]}' is not a period; use second, minute, hour or day";
        return error is null;
    }

    /// <summary>"100/second".</summary>
    public string RateText => string.Create(CultureInfo.InvariantCulture, $"{Rate}/{Per.ToString().ToLowerInvariant()}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RateText} burst {Burst}");

    private static bool TryParseUnit(string text, out RateUnit unit)
    {
        (var ok, unit) = text switch
        {
            "s" or "sec" or "second" => (true, RateUnit.Second),
            "m" or "min" or "minute" => (true, RateUnit.Minute),
            "h" or "hour" => (true, RateUnit.Hour),
            "d" or "day" => (true, RateUnit.Day),
            _ => (false, RateUnit.Second),
        };
        return ok;
    }
}
