namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// A named set (<c>set allow4 { type ipv4_addr; flags interval; }</c>), or a map when <see cref="ValueType"/> is set
/// (a verdict map when that is <see cref="NftDataType.Verdict"/>). A key of several types is a concatenation.
/// </summary>
public sealed record NftSet
{
    public NftSet(NftTable table, string name, IReadOnlyList<NftDataType> keyType, NftDataType? valueType = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(keyType);
        NftNames.ValidateName(name, "set");
        Table = table;
        Name = name;
        KeyType = keyType;
        ValueType = valueType;
    }

    public NftTable Table { get; }

    public string Name { get; }

    /// <summary>The key's type; more than one is a concatenation (<c>ipv4_addr . inet_service</c>).</summary>
    public IReadOnlyList<NftDataType> KeyType { get; }

    /// <summary>For a map, the type of the values; null for a set.</summary>
    public NftDataType? ValueType { get; }

    public bool IsMap => ValueType is not null;

    public NftSetFlags Flags { get; init; }

    /// <summary>Default lifetime of elements (needs <see cref="NftSetFlags.Timeout"/>); whole seconds.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Maximum number of elements.</summary>
    public uint? Size { get; init; }

    /// <summary>The set's comment. nft 1.0.6 ignores it in JSON input (it keeps rule and element comments): read-back only there.</summary>
    public string? Comment
    {
        get;
        init
        {
            if (value is not null)
                NftNames.ValidateText(value, "set comment");
            field = value;
        }
    }

    public IReadOnlyList<NftElement> Elements { get; init; } = [];

    /// <summary>The kernel's handle, known only for sets read back.</summary>
    public ulong? Handle { get; init; }

    /// <summary>A set of keys of <paramref name="keyType"/> (several types: a concatenation).</summary>
    public static NftSet Of(NftTable table, string name, params NftDataType[] keyType) => new(table, name, keyType);

    /// <summary>A map from keys of <paramref name="keyType"/> to values of <paramref name="valueType"/>.</summary>
    public static NftSet Map(NftTable table, string name, NftDataType valueType, params NftDataType[] keyType) => new(table, name, keyType, valueType);

    /// <summary>A verdict map (for <c>vmap</c>), keyed by <paramref name="keyType"/>.</summary>
    public static NftSet VerdictMap(NftTable table, string name, params NftDataType[] keyType) => new(table, name, keyType, NftDataType.Verdict);
}
