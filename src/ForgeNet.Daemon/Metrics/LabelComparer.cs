namespace ForgeNet.Daemon.Metrics;

/// <summary>Label value arrays compared by content.</summary>
internal sealed class LabelComparer : IEqualityComparer<string[]>
{
    public static LabelComparer Instance { get; } = new();

    public bool Equals(string[]? x, string[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(string[] obj)
    {
        var hash = new HashCode();
        foreach (var value in obj) hash.Add(value, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
