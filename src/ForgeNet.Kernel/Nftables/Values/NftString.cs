namespace ForgeNet.Kernel.Nftables;

/// <summary>A string: an interface name, or a symbol nft knows by name (a protocol, a conntrack state).</summary>
public sealed record NftString : NftValue
{
    public NftString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        NftNames.ValidateText(value, "string");
        Value = value;
    }

    public string Value { get; }
}
