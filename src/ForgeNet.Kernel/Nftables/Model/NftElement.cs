namespace ForgeNet.Kernel.Nftables;

/// <summary>An element of a set, or of a map when <see cref="Value"/> is set (a verdict for a verdict map).</summary>
public sealed record NftElement(NftValue Key, NftValue? Value = null)
{
    /// <summary>This element's lifetime (the set needs <see cref="NftSetFlags.Timeout"/>); whole seconds.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Time left before the element expires; known only on read-back.</summary>
    public TimeSpan? Expires { get; init; }

    public string? Comment
    {
        get;
        init
        {
            if (value is not null)
                NftNames.ValidateText(value, "element comment");
            field = value;
        }
    }

    public static implicit operator NftElement(NftValue key) => new(key);
}
