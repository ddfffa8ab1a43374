namespace ForgeNet.Dns.Server;

/// <summary>The bounds a server keeps on what clients may make it do.</summary>
public sealed record DnsServerLimits
{
    /// <summary>Concurrent TCP connections per listening address; more are reset at once.</summary>
    public int MaxTcpConnections { get; init; } = 64;

    /// <summary>Queries one TCP connection may send before it is closed.</summary>
    public int MaxTcpQueriesPerConnection { get; init; } = 100;

    /// <summary>Longest TCP query accepted (queries are small; a longer length prefix closes the connection).</summary>
    public int MaxTcpQuery { get; init; } = 4096;

    /// <summary>Deadline for reading one TCP message (prefix and body) and for writing its answer.</summary>
    public TimeSpan TcpReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline for one upstream exchange (UDP, or TCP after truncation).</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Responses the cache holds at most.</summary>
    public int CacheEntries { get; init; } = 10_000;

    /// <summary>Queries waiting on upstreams at once; more get SERVFAIL at once.</summary>
    public int MaxPendingForwards { get; init; } = 1024;
}
