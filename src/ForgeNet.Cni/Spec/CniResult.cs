namespace ForgeNet.Cni.Spec;

/// <summary>An ADD result, independent of the cniVersion it is written in (see <see cref="CniJson"/>).</summary>
public sealed record CniResult
{
    /// <summary>Interfaces made (an IPAM result has none).</summary>
    public IReadOnlyList<CniInterface> Interfaces { get; init; } = [];

    /// <summary>Addresses assigned.</summary>
    public IReadOnlyList<CniIpConfig> Ips { get; init; } = [];

    /// <summary>Routes added.</summary>
    public IReadOnlyList<CniRoute> Routes { get; init; } = [];

    /// <summary>DNS settings for the container.</summary>
    public CniDns Dns { get; init; } = new();

    /// <summary>
    /// A chained plugin's result on top of <paramref name="previous"/>: the earlier interfaces first, ours after them
    /// (our ips' interface indexes shifted), addresses and routes appended, DNS ours where we set any.
    /// </summary>
    public CniResult MergeAfter(CniResult previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var offset = previous.Interfaces.Count;
        return new CniResult
        {
            Interfaces = [.. previous.Interfaces, .. Interfaces],
            Ips = [.. previous.Ips, .. Ips.Select(ip => ip with { Interface = ip.Interface + offset })],
            Routes = [.. previous.Routes, .. Routes],
            Dns = Dns.IsEmpty ? previous.Dns : Dns,
        };
    }
}
