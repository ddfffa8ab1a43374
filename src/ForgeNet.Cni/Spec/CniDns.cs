namespace ForgeNet.Cni.Spec;

/// <summary>results.dns: what the container's resolver should use.</summary>
public sealed record CniDns
{
    /// <summary>Nameserver addresses, in priority order.</summary>
    public IReadOnlyList<string> Nameservers { get; init; } = [];

    /// <summary>The local domain.</summary>
    public string? Domain { get; init; }

    /// <summary>Search domains, in priority order.</summary>
    public IReadOnlyList<string> Search { get; init; } = [];

    /// <summary>Resolver options.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>True when nothing is set (then the key is left out).</summary>
    public bool IsEmpty => Nameservers.Count == 0 && Domain is null && Search.Count == 0 && Options.Count == 0;
}
