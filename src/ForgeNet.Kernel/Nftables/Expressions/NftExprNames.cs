namespace ForgeNet.Kernel.Nftables;

/// <summary>The words nft uses for meta and ct keys.</summary>
internal static class NftExprNames
{
    private static readonly string[] MetaKeys =
        ["length", "protocol", "nfproto", "l4proto", "mark", "iif", "iifname", "iiftype", "oif", "oifname", "oiftype", "skuid", "skgid", "priority", "pkttype", "cgroup"];

    private static readonly string[] CtKeys = ["state", "status", "mark", "direction", "expiration", "zone"];

    public static string Of(NftMetaKey key) => MetaKeys[(int)key];

    public static string Of(NftCtKey key) => CtKeys[(int)key];

    public static bool TryParseMeta(string text, out NftMetaKey key)
    {
        var i = Array.IndexOf(MetaKeys, text);
        key = (NftMetaKey)i;
        return i >= 0;
    }

    public static bool TryParseCt(string text, out NftCtKey key)
    {
        var i = Array.IndexOf(CtKeys, text);
        key = (NftCtKey)i;
        return i >= 0;
    }
}
