namespace ForgeNet.Kernel.Nftables;

/// <summary>A reference to a named set or map: <c>@name</c>.</summary>
public sealed record NftSetRef : NftValue
{
    public NftSetRef(string name)
    {
        NftNames.ValidateName(name, "set");
        Name = name;
    }

    public string Name { get; }
}
