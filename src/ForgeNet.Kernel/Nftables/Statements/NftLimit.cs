namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// A token-bucket limit (<c>limit rate 10/second burst 5 packets</c>). It matches while under the rate, or,
/// with <see cref="Over"/>, once over it. nft's default burst is 5 packets, or 0 bytes for byte rates.
/// </summary>
public sealed record NftLimit(ulong Rate, NftTimeUnit Per) : NftStatement
{
    public uint Burst { get; init; } = 5;

    public NftRateUnit RateUnit { get; init; } = NftRateUnit.Packets;

    /// <summary>The unit of <see cref="Burst"/> for byte rates (ignored for packet rates).</summary>
    public NftRateUnit BurstUnit { get; init; } = NftRateUnit.Bytes;

    /// <summary>Match when the rate is exceeded (<c>limit rate over</c>).</summary>
    public bool Over { get; init; }

    /// <summary>A byte-rate limit: <paramref name="rate"/> in <paramref name="unit"/> per period, with no burst.</summary>
    public static NftLimit BytesPer(ulong rate, NftRateUnit unit, NftTimeUnit per) =>
        new(rate, per) { RateUnit = unit == NftRateUnit.Packets ? throw new ArgumentException("a byte rate needs a byte unit", nameof(unit)) : unit, Burst = 0 };
}
