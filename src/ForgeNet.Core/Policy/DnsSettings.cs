namespace ForgeNet.Core.Policy;

/// <summary>What a sandbox may ask of DNS.</summary>
public sealed record DnsSettings
{
    /// <summary>No DNS (the default: a policy says when DNS is allowed).</summary>
    public static DnsSettings Deny { get; } = new();

    /// <summary>Queries to the network's resolver allowed (udp and tcp port 53 to its address only).</summary>
    public static DnsSettings AllowResolver { get; } = new() { ResolverAllowed = true };

    /// <summary>True when the sandbox may query its network's resolver (and only that resolver).</summary>
    public bool ResolverAllowed { get; init; }
}
