namespace ForgeNet.Core.Policy;

/// <summary>The period of a <see cref="RateLimit"/>, as nftables' limit statement names it.</summary>
public enum RateUnit
{
    /// <summary>Per second.</summary>
    Second,

    /// <summary>Per minute.</summary>
    Minute,

    /// <summary>Per hour.</summary>
    Hour,

    /// <summary>Per day.</summary>
    Day,
}
