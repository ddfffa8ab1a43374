using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>The words nft uses for the model's enums, both ways, and name validation shared by the model.</summary>
internal static class NftNames
{
    private const int MaxNameBytes = 255; // NFT_NAME_MAXLEN (256) includes the NUL

    public static void ValidateName(string name, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            throw new ArgumentException($"nftables {what} name '{name[..32]}…' is longer than {MaxNameBytes} bytes", nameof(name));
        ValidateText(name, what + " name");
    }

    /// <summary>nft strings cannot hold a double quote or control characters (its scanner has no escapes).</summary>
    public static void ValidateText(string text, string what)
    {
        foreach (var c in text)
        {
            if (c == '"' || char.IsControl(c))
                throw new ArgumentException($"nftables {what} '{text}' contains a double quote or control character, which nft cannot represent");
        }
    }


    public static string Of(NftFamily family) => family switch
    {
        NftFamily.Inet => "inet",
        NftFamily.Ip => "ip",
        NftFamily.Ip6 => "ip6",
        NftFamily.Arp => "arp",
        NftFamily.Bridge => "bridge",
        NftFamily.Netdev => "netdev",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    public static bool TryParseFamily(string? text, out NftFamily family)
    {
        family = text switch
        {
            "inet" => NftFamily.Inet,
            "ip" => NftFamily.Ip,
            "ip6" => NftFamily.Ip6,
            "arp" => NftFamily.Arp,
            "bridge" => NftFamily.Bridge,
            "netdev" => NftFamily.Netdev,
            _ => (NftFamily)(-1),
        };
        return family >= 0;
    }

    public static string Of(NftChainType type) => type switch
    {
        NftChainType.Filter => "filter",
        NftChainType.Nat => "nat",
        NftChainType.Route => "route",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static NftChainType ParseChainType(string text) => text switch
    {
        "filter" => NftChainType.Filter,
        "nat" => NftChainType.Nat,
        "route" => NftChainType.Route,
        _ => throw new FormatException($"unknown nftables chain type '{text}'"),
    };

    public static string Of(NftHook hook) => hook switch
    {
        NftHook.Prerouting => "prerouting",
        NftHook.Input => "input",
        NftHook.Forward => "forward",
        NftHook.Output => "output",
        NftHook.Postrouting => "postrouting",
        _ => throw new ArgumentOutOfRangeException(nameof(hook), hook, null),
    };

    public static NftHook ParseHook(string text) => text switch
    {
        "prerouting" => NftHook.Prerouting,
        "input" => NftHook.Input,
        "forward" => NftHook.Forward,
        "output" => NftHook.Output,
        "postrouting" => NftHook.Postrouting,
        _ => throw new FormatException($"unknown nftables hook '{text}'"),
    };

    public static string Of(NftChainPolicy policy) => policy == NftChainPolicy.Drop ? "drop" : "accept";

    public static NftChainPolicy ParsePolicy(string text) => text switch
    {
        "accept" => NftChainPolicy.Accept,
        "drop" => NftChainPolicy.Drop,
        _ => throw new FormatException($"unknown nftables chain policy '{text}'"),
    };

    private static readonly (NftSetFlags Flag, string Name)[] SetFlagNames =
        [(NftSetFlags.Constant, "constant"), (NftSetFlags.Interval, "interval"), (NftSetFlags.Timeout, "timeout"), (NftSetFlags.Dynamic, "dynamic")];

    public static IEnumerable<string> Of(NftSetFlags flags) =>
        SetFlagNames.Where(f => flags.HasFlag(f.Flag)).Select(f => f.Name);

    public static NftSetFlags ParseSetFlag(string text) =>
        SetFlagNames.FirstOrDefault(f => f.Name == text).Flag;
}
