namespace ForgeNet.Core.Firewall;

/// <summary>
/// The footprint of the endpoints this engine compiled last, so that a policy change compiles only the new policy:
/// the previous one's chain and set names come from here when the endpoint is still the one compiled, and from a
/// compile otherwise (another process changed it since, or this engine has not changed its policy before: footprints
/// are remembered by policy changes only, and forgotten when the endpoint is removed). A footprint depends only on
/// the endpoint, never on the other inputs, so a hit is always right. Bounded: past <see cref="Capacity"/> ports it
/// starts afresh (an endpoint another process removes is never forgotten here, and ports are never reused).
/// </summary>
internal sealed class FootprintCache
{
    private const int Capacity = 4096;
    private readonly Dictionary<string, (FirewallEndpoint Endpoint, EndpointFootprint Footprint)> _byPort = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The footprint of <paramref name="endpoint"/>: remembered, or compiled with <paramref name="inputs"/>.</summary>
    public EndpointFootprint Of(FirewallEndpoint endpoint, FirewallInputs inputs)
    {
        lock (_gate)
        {
            if (_byPort.TryGetValue(endpoint.Port, out var known) && CompilesAlike(known.Endpoint, endpoint)) return known.Footprint;
        }
        var footprint = EndpointFootprint.Of(FirewallCompiler.Compile(endpoint, inputs));
        Remember(endpoint, footprint);
        return footprint;
    }

    /// <summary>Records the footprint a compile of <paramref name="endpoint"/> gave.</summary>
    public void Remember(FirewallEndpoint endpoint, EndpointFootprint footprint)
    {
        lock (_gate)
        {
            if (_byPort.Count >= Capacity && !_byPort.ContainsKey(endpoint.Port)) _byPort.Clear();
            _byPort[endpoint.Port] = (endpoint, footprint);
        }
    }

    /// <summary>Drops what is remembered of <paramref name="port"/> (its endpoint is being removed).</summary>
    public void Forget(string port)
    {
        lock (_gate)
            _byPort.Remove(port);
    }

    /// <summary>
    /// Everything a footprint is computed from: the port, the MAC (its link-local address is a map key), the addresses,
    /// the network and the policy. The sandbox's name and labels only decide peer-set membership, which is not in it.
    /// The policy is usually the very instance compiled last (PolicyCache hands it back), so equality is a reference check.
    /// </summary>
    private static bool CompilesAlike(FirewallEndpoint a, FirewallEndpoint b) =>
        a.Port == b.Port && a.Mac == b.Mac && Equals(a.Address4, b.Address4) && Equals(a.Address6, b.Address6)
        && a.Network == b.Network && a.Policy == b.Policy;
}
