namespace ForgeNet.Core.Firewall;

/// <summary>
/// How long an address learnt from an answer stays admitted: the record's TTL, raised to <see cref="Floor"/> (a TTL of
/// 0 or 1 s must still let the connection that asked for it start) and lowered to <see cref="Ceiling"/> (a huge TTL
/// must not keep an address the name has left open for days). Whole seconds, as nftables keeps them.
/// </summary>
internal sealed record DomainTimeouts(TimeSpan Floor, TimeSpan Ceiling)
{
    /// <summary>30 s to 1 h.</summary>
    public static DomainTimeouts Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    /// <summary><paramref name="ttl"/> clamped to [<see cref="Floor"/>, <see cref="Ceiling"/>], rounded up to a whole second.</summary>
    public TimeSpan Clamp(TimeSpan ttl)
    {
        var clamped = ttl < Floor ? Floor : ttl > Ceiling ? Ceiling : ttl;
        return TimeSpan.FromSeconds(Math.Ceiling(clamped.TotalSeconds));
    }
}
