using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Expressions and values; unknown forms become <see cref="NftRawExpr"/> and <see cref="NftRawValue"/>.</summary>
internal static partial class NftJsonReader
{
    public static NftExpr ReadExpr(JsonElement e)
    {
        var parsed = Single(e) switch
        {
            ("payload", var b) when Only(b, "protocol", "field") => new NftPayload(b.GetProperty("protocol").GetString()!, b.GetProperty("field").GetString()!),
            ("meta", var b) when Only(b, "key") && NftExprNames.TryParseMeta(String(b, "key") ?? "", out var key) => new NftMeta(key),
            ("ct", var b) when Only(b, "key") && NftExprNames.TryParseCt(String(b, "key") ?? "", out var key) => new NftCt(key),
            ("concat", var b) when b.ValueKind == JsonValueKind.Array => new NftConcatExpr([.. b.EnumerateArray().Select(ReadExpr)]),
            _ => (NftExpr?)null,
        };
        return parsed ?? new NftRawExpr(e.GetRawText());
    }

    public static NftValue ReadValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetUInt64(out var n) => new NftNumber(n),
        JsonValueKind.String => ReadString(e.GetString()!),
        JsonValueKind.Array when e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) =>
            new NftFlagList([.. e.EnumerateArray().Select(x => x.GetString()!)]),
        JsonValueKind.Object => ReadObjectValue(e) ?? new NftRawValue(e.GetRawText()),
        _ => new NftRawValue(e.GetRawText()),
    };

    private static NftValue? ReadObjectValue(JsonElement e)
    {
        if (Single(e) is not var (name, body))
            return null;
        switch (name)
        {
            case "prefix" when Only(body, "addr", "len") && IPAddress.TryParse(String(body, "addr"), out var addr):
                return new NftPrefix(addr, body.GetProperty("len").GetInt32());
            case "range" when body.ValueKind == JsonValueKind.Array && body.GetArrayLength() == 2:
                return new NftRange(ReadValue(body[0]), ReadValue(body[1]));
            case "concat" when body.ValueKind == JsonValueKind.Array:
                return new NftConcat([.. body.EnumerateArray().Select(ReadValue)]);
            case "set" when body.ValueKind == JsonValueKind.Array:
                return new NftAnonymousSet([.. body.EnumerateArray().Select(ReadSetMember)]);
            case "set":
                // nft prints a one-element anonymous set as the bare element.
                return new NftAnonymousSet([ReadSetMember(body)]);
            default:
                return ReadVerdict(name, body);
        }
    }

    private static NftValue ReadSetMember(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2 ? new NftMapEntry(ReadValue(e[0]), ReadValue(e[1])) : ReadValue(e);

    private static NftVerdict? ReadVerdict(string name, JsonElement body) => name switch
    {
        "accept" when body.ValueKind == JsonValueKind.Null => NftVerdict.Accept,
        "drop" when body.ValueKind == JsonValueKind.Null => NftVerdict.Drop,
        "continue" when body.ValueKind == JsonValueKind.Null => NftVerdict.Continue,
        "return" when body.ValueKind == JsonValueKind.Null => NftVerdict.Return,
        "jump" when Only(body, "target") && String(body, "target") is { } t => NftVerdict.Jump(t),
        "goto" when Only(body, "target") && String(body, "target") is { } t => NftVerdict.Goto(t),
        _ => null,
    };

    private static NftValue ReadString(string s)
    {
        if (s.StartsWith('@') && s.Length > 1)
            return new NftSetRef(s[1..]);
        return LooksLikeAddress(s) && IPAddress.TryParse(s, out var address) ? new NftAddress(address) : new NftString(s);
    }

    // IPAddress.TryParse also takes "1" or "1.2" (as 0.0.0.1, 1.0.0.2): only dotted quads and colon forms are addresses.
    private static bool LooksLikeAddress(string s) =>
        s.Contains(':') || (s.Count(c => c == '.') == 3 && IPAddress.TryParse(s, out var a) && a.AddressFamily == AddressFamily.InterNetwork);
}
