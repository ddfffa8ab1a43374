namespace ForgeNet.Cni.Spec;

/// <summary>results.routes[]: destination and optional gateway; priority (the metric) from cniVersion 1.1.0 on.</summary>
public sealed record CniRoute(string Dst, string? Gw = null)
{
    /// <summary>The route's metric.</summary>
    public int? Priority { get; init; }
}
