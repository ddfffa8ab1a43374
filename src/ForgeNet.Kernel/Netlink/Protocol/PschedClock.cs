using System.Globalization;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>
/// The packet scheduler's clock as /proc/net/psched reports it, with iproute2's tc_core arithmetic on it. Qdiscs such as
/// TBF take times in scheduler ticks; doing the same double-to-integer truncations as tc_core keeps requests
/// byte-identical to `tc`'s, which the tests rely on.
/// </summary>
internal sealed class PschedClock
{
    /// <summary>TIME_UNITS_PER_SEC: tc_core's times are in microseconds.</summary>
    private const double MicrosecondsPerSecond = 1_000_000;

    private const string ProcPath = "/proc/net/psched";

    private static readonly Lazy<PschedClock> s_system = new(ReadSystem);

    /// <summary>The three leading words of /proc/net/psched: tick-to-µs numerator, µs-to-tick denominator, clock resolution.</summary>
    public PschedClock(uint tickToMicroseconds, uint microsecondsToTicks, uint clockResolution)
    {
        if (tickToMicroseconds == 0 || microsecondsToTicks == 0 || clockResolution == 0)
            throw new ArgumentException("psched clock words must not be zero");
        // tc_core_init: a nanosecond clock advertises a tick multiplier for old binaries that really is 1.
        if (clockResolution == 1_000_000_000) tickToMicroseconds = microsecondsToTicks;
        TicksPerMicrosecond = (double)tickToMicroseconds / microsecondsToTicks * (clockResolution / MicrosecondsPerSecond);
    }

    /// <summary>tc_core's tick_in_usec (15.625 on every kernel since 2.6.31: 64 ns ticks).</summary>
    public double TicksPerMicrosecond { get; }

    /// <summary>The running kernel's clock, read once.</summary>
    public static PschedClock System => s_system.Value;

    /// <summary>Parses the text of /proc/net/psched ("000003e8 00000040 000f4240 3b9aca00").</summary>
    public static bool TryParse(string text, out PschedClock? clock)
    {
        clock = null;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3) return false;
        Span<uint> values = stackalloc uint[3];
        for (var i = 0; i < 3; i++)
        {
            if (!uint.TryParse(words[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out values[i]) || values[i] == 0)
                return false;
        }
        clock = new PschedClock(values[0], values[1], values[2]);
        return true;
    }

    /// <summary>tc_calc_xmittime: ticks to send <paramref name="size"/> bytes at <paramref name="rate"/> bytes/s.</summary>
    public uint TransmitTime(ulong rate, uint size) => TimeToTicks((uint)(MicrosecondsPerSecond * ((double)size / rate)));

    /// <summary>The exact (untruncated) ticks for <paramref name="size"/> bytes, to check a value fits 32 bits.</summary>
    public double TransmitTimeExact(ulong rate, ulong size) => MicrosecondsPerSecond * ((double)size / rate) * TicksPerMicrosecond;

    /// <summary>The bytes sent at <paramref name="rate"/> in <paramref name="ticks"/> (tc_calc_xmitsize, rounded).</summary>
    public ulong TransmitSize(ulong rate, uint ticks) => (ulong)Math.Round(rate * (ticks / TicksPerMicrosecond) / MicrosecondsPerSecond);

    /// <summary>
    /// tc_calc_rtable for an Ethernet link with no MTU given (2047 bytes, cell_log 3) and no MPU: the time to send
    /// (i + 1) cells for each of the 256 slots. Returns the cell log.
    /// </summary>
    public int WriteRateTable(Span<byte> table, uint rate)
    {
        const int cellLog = 3;
        for (var i = 0; i < 256; i++)
            HostOrder.WriteUInt32(table[(i * 4)..], TransmitTime(rate, (uint)((i + 1) << cellLog)));
        return cellLog;
    }

    private uint TimeToTicks(uint microseconds) => (uint)(microseconds * TicksPerMicrosecond);

    private static PschedClock ReadSystem()
    {
        string text;
        try
        {
            text = File.ReadAllText(ProcPath);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"read {ProcPath}: {e.Message} (the kernel needs CONFIG_NET_SCHED)", e);
        }
        return TryParse(text, out var clock) ? clock! : throw new InvalidOperationException($"{ProcPath} is malformed: '{text.Trim()}'");
    }
}
