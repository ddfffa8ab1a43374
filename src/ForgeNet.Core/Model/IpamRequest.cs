namespace ForgeNet.Core.Model;

/// <summary>An address lease from pool <paramref name="Pool"/> (made with <see cref="Subnets"/> when missing) for one attachment.</summary>
public sealed record IpamRequest(string Pool, string ContainerId, string IfName)
{
    /// <summary>The pool's subnets (one IPv4, optionally one IPv6); an existing pool must have exactly these.</summary>
    public IReadOnlyList<string> Subnets { get; init; } = [];

    /// <summary>Requested addresses, at most one per family, inside the pool's subnets.</summary>
    public IReadOnlyList<string> RequestedAddresses { get; init; } = [];
}
