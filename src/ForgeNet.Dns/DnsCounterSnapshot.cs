namespace ForgeNet.Dns;

/// <summary>Counter values at one moment (see <see cref="DnsCounters"/> for what each means).</summary>
public sealed record DnsCounterSnapshot(long Queries, long Answers, long Local, long Forwarded, long CacheHits, long Refused,
    long NxDomain, long ServFail, long Malformed, long Loops, long TcpRejected);
