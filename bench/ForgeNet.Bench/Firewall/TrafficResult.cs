namespace ForgeNet.Bench.Firewall;

/// <summary>Everything measured for one variant over all rounds.</summary>
internal sealed class TrafficResult(Variant variant)
{
    public Variant Variant { get; } = variant;
    public List<IperfSample> Throughput { get; } = [];
    public List<SockperfSample> PingPong { get; } = [];
    public List<SockperfSample> UnderLoad { get; } = [];

    /// <summary>Time to switch to this variant (policy apply, table load), ms per round; not part of the traffic figures.</summary>
    public List<double> SwitchMs { get; } = [];

    /// <summary>Check failures and measurement errors, one line each.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The server's bridge ingress chain while this variant was in force (variant b only).</summary>
    public string? ServerChain { get; set; }

    /// <summary>What a connection to the closed port met, per round.</summary>
    public List<Reach> ClosedPort { get; } = [];
}
