namespace ForgeNet.Dns;

/// <summary>What a server (or a whole host) has done, for metrics. Thread-safe; values only grow.</summary>
public sealed class DnsCounters
{
    private long _queries, _answers, _local, _forwarded, _cacheHits, _refused, _nxDomain, _servFail, _malformed, _loops, _tcpRejected;

    /// <summary>Queries received (UDP and TCP), malformed ones included.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>Responses sent, of any RCODE.</summary>
    public long Answers => Interlocked.Read(ref _answers);

    /// <summary>Answered from the local zone (sandbox names, PTR, NXDOMAIN under the domain).</summary>
    public long Local => Interlocked.Read(ref _local);

    /// <summary>Sent upstream (cache misses).</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>REFUSED by the policy: never forwarded.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public long NxDomain => Interlocked.Read(ref _nxDomain);

    /// <summary>SERVFAIL: no upstream answered, or the firewall could not be opened.</summary>
    public long ServFail => Interlocked.Read(ref _servFail);

    /// <summary>Packets that were not a well-formed query (dropped or answered FORMERR).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Queries that came back through forwarding (dropped).</summary>
    public long Loops => Interlocked.Read(ref _loops);

    /// <summary>TCP connections closed at once because the cap of concurrent ones was reached.</summary>
    public long TcpRejected => Interlocked.Read(ref _tcpRejected);

    internal void Query() => Interlocked.Increment(ref _queries);
    internal void Answer() => Interlocked.Increment(ref _answers);
    internal void LocalAnswer() => Interlocked.Increment(ref _local);
    internal void Forward() => Interlocked.Increment(ref _forwarded);
    internal void CacheHit() => Interlocked.Increment(ref _cacheHits);
    internal void Refuse() => Interlocked.Increment(ref _refused);
    internal void NxDomainAnswer() => Interlocked.Increment(ref _nxDomain);
    internal void ServFailAnswer() => Interlocked.Increment(ref _servFail);
    internal void MalformedPacket() => Interlocked.Increment(ref _malformed);
    internal void Loop() => Interlocked.Increment(ref _loops);
    internal void TcpReject() => Interlocked.Increment(ref _tcpRejected);

    /// <summary>The sum of several servers' counters (a host's totals).</summary>
    public static DnsCounterSnapshot Sum(IEnumerable<DnsCounters> all)
    {
        var list = all.ToList();
        return new(list.Sum(c => c.Queries), list.Sum(c => c.Answers), list.Sum(c => c.Local), list.Sum(c => c.Forwarded),
            list.Sum(c => c.CacheHits), list.Sum(c => c.Refused), list.Sum(c => c.NxDomain), list.Sum(c => c.ServFail),
            list.Sum(c => c.Malformed), list.Sum(c => c.Loops), list.Sum(c => c.TcpRejected));
    }
}
