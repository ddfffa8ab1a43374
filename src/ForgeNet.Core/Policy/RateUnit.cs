namespace ForgeNet.Core.Policy;

/// <summary>The period of a <see cref="RateLimit"/>, as nftables' limit statement names it.</summary>
public enum RateUnit
{
    Second,
    Minute,
    Hour,
    Day,
}
