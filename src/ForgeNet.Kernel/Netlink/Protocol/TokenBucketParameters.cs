namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>
/// The numbers of a tc_tbf_qopt, computed from <see cref="TokenBucketOptions"/> as `tc qdisc ... tbf` computes them:
/// the bucket as ticks at the (32-bit) rate, the queue limit from the latency. Validates before any request is built.
/// </summary>
internal readonly record struct TokenBucketParameters(ulong Rate, uint Rate32, uint Burst, uint Limit, uint BufferTicks)
{
    public static TokenBucketParameters From(TokenBucketOptions options, PschedClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string parameter = "options";
        if (options.RateBytesPerSecond == 0) throw new ArgumentOutOfRangeException(parameter, "the rate must be positive");
        if (options.BurstBytes == 0) throw new ArgumentOutOfRangeException(parameter, "the burst must be positive");
        if (options.Latency is not null && options.LimitBytes is not null)
            throw new ArgumentException("give a latency or a limit, not both", parameter);
        // tc_tbf_qopt has a 32-bit rate; above it the kernel reads TCA_TBF_RATE64, and the 32-bit field says ~0U.
        var rate32 = options.RateBytesPerSecond > uint.MaxValue ? uint.MaxValue : (uint)options.RateBytesPerSecond;
        if (clock.TransmitTimeExact(rate32, options.BurstBytes) > uint.MaxValue)
            throw new ArgumentOutOfRangeException(parameter, $"a burst of {options.BurstBytes} bytes takes longer at this rate than the kernel's 32-bit tick count holds");
        var limit = options.LimitBytes ?? LimitFromLatency(options, parameter);
        if (limit == 0) throw new ArgumentOutOfRangeException(parameter, "the limit must be positive");
        return new TokenBucketParameters(options.RateBytesPerSecond, rate32, options.BurstBytes, limit,
            clock.TransmitTime(rate32, options.BurstBytes));
    }

    // q_tbf.c: limit = rate × latency + burst, latency in whole microseconds.
    private static uint LimitFromLatency(TokenBucketOptions options, string parameter)
    {
        var latency = options.Latency ?? TokenBucketOptions.DefaultLatency;
        if (latency < TimeSpan.Zero || latency.Ticks / TimeSpan.TicksPerMicrosecond > uint.MaxValue)
            throw new ArgumentOutOfRangeException(parameter, latency, "the latency must be between 0 and 4294 s");
        var microseconds = (uint)(latency.Ticks / TimeSpan.TicksPerMicrosecond);
        var limit = options.RateBytesPerSecond * (double)microseconds / 1_000_000 + options.BurstBytes;
        if (limit > uint.MaxValue) throw new ArgumentOutOfRangeException(parameter, "rate × latency + burst exceeds the kernel's 32-bit queue limit");
        return (uint)limit;
    }
}
