namespace ForgeNet.Kernel.Nftables;

/// <summary>Logs the packet to the kernel log (<c>log prefix "x" level info</c>).</summary>
public sealed record NftLog : NftStatement
{
    public NftLog(string? prefix = null, NftLogLevel? level = null)
    {
        if (prefix is not null)
            NftNames.ValidateText(prefix, "log prefix");
        Prefix = prefix;
        Level = level;
    }

    public string? Prefix { get; }

    public NftLogLevel? Level { get; }
}
