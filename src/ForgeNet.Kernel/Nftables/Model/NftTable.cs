namespace ForgeNet.Kernel.Nftables;

/// <summary>A table, identified by family and name (<c>inet forgenet</c>); <see cref="Handle"/> is set on read-back.</summary>
public sealed record NftTable
{
    public NftTable(NftFamily family, string name)
    {
        NftNames.ValidateName(name, "table");
        Family = family;
        Name = name;
    }

    public NftFamily Family { get; }

    public string Name { get; }

    /// <summary>The kernel's handle, known only for tables read back.</summary>
    public ulong? Handle { get; init; }

    /// <summary>Two tables are the same table when family and name match; the handle is not identity.</summary>
    public bool Equals(NftTable? other) => other is not null && Family == other.Family && Name == other.Name;

    public override int GetHashCode() => HashCode.Combine(Family, Name);

    public override string ToString() => $"{NftNames.Of(Family)} {Name}";
}
