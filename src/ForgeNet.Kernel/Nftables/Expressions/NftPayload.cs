namespace ForgeNet.Kernel.Nftables;

/// <summary>A packet header field: <c>ip saddr</c>, <c>th dport</c>, …</summary>
public sealed record NftPayload : NftExpr
{
    public NftPayload(string protocol, string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        NftNames.ValidateText(protocol, "payload protocol");
        NftNames.ValidateText(field, "payload field");
        Protocol = protocol;
        Field = field;
    }

    public string Protocol { get; }

    public string Field { get; }
}
