using System.Net;
using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Statements of a rule's "expr" array. Any form not fully understood becomes an <see cref="NftRawStatement"/>.</summary>
internal static partial class NftJsonReader
{
    public static NftStatement ReadStatement(JsonElement e)
    {
        if (Single(e) is not var (name, body))
            return new NftRawStatement(e.GetRawText());
        var parsed = name switch
        {
            "match" => (NftStatement?)ReadMatch(body),
            "counter" when Only(body, "packets", "bytes") =>
                new NftCounter(body.GetProperty("packets").GetUInt64(), body.GetProperty("bytes").GetUInt64()),
            "limit" => ReadLimit(body),
            "vmap" when Only(body, "key", "data") => new NftVerdictMap(ReadExpr(body.GetProperty("key")), ReadValue(body.GetProperty("data"))),
            "masquerade" => ReadMasquerade(body),
            "snat" or "dnat" => ReadNat(name == "dnat" ? NftNatKind.Dnat : NftNatKind.Snat, body),
            "log" => ReadLog(body),
            "reject" => ReadReject(body),
            _ => ReadVerdict(name, body) is { } v ? new NftVerdictStatement(v) : null,
        };
        return parsed ?? new NftRawStatement(e.GetRawText());
    }

    private static NftMatch? ReadMatch(JsonElement body)
    {
        if (!Only(body, "op", "left", "right"))
            return null;
        NftOp? op = body.GetProperty("op").GetString() switch
        {
            "==" => NftOp.Eq,
            "!=" => NftOp.Ne,
            "<" => NftOp.Lt,
            ">" => NftOp.Gt,
            "<=" => NftOp.Le,
            ">=" => NftOp.Ge,
            "in" => NftOp.In,
            _ => null,
        };
        return op is null ? null : new NftMatch(ReadExpr(body.GetProperty("left")), op.Value, ReadValue(body.GetProperty("right")));
    }

    private static NftLimit? ReadLimit(JsonElement body)
    {
        if (!Only(body, "rate", "burst", "per", "inv", "rate_unit", "burst_unit")
            || !Enum.TryParse<NftTimeUnit>(String(body, "per"), ignoreCase: true, out var per))
            return null;
        var rateUnit = Enum.TryParse<NftRateUnit>(String(body, "rate_unit"), ignoreCase: true, out var ru) ? ru : NftRateUnit.Packets;
        var burstUnit = Enum.TryParse<NftRateUnit>(String(body, "burst_unit"), ignoreCase: true, out var bu) ? bu : NftRateUnit.Bytes;
        return new NftLimit(body.GetProperty("rate").GetUInt64(), per)
        {
            Burst = body.TryGetProperty("burst", out var b) ? b.GetUInt32() : 0,
            RateUnit = rateUnit,
            BurstUnit = burstUnit,
            Over = body.TryGetProperty("inv", out var inv) && inv.ValueKind == JsonValueKind.True,
        };
    }

    private static NftMasquerade? ReadMasquerade(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Null)
            return new NftMasquerade();
        return Only(body, "flags") && ReadNatFlags(body) is { } flags ? new NftMasquerade(flags) : null;
    }

    private static NftNat? ReadNat(NftNatKind kind, JsonElement body)
    {
        if (!Only(body, "family", "addr", "port", "flags") || !IPAddress.TryParse(String(body, "addr"), out var address))
            return null;
        ushort? port = null;
        if (body.TryGetProperty("port", out var p))
        {
            if (!p.TryGetUInt16(out var value))
                return null;
            port = value;
        }
        return ReadNatFlags(body) is { } flags ? new NftNat(kind, address, port) { Flags = flags } : null;
    }

    private static NftNatFlags? ReadNatFlags(JsonElement body)
    {
        if (!body.TryGetProperty("flags", out var f))
            return NftNatFlags.None;
        var flags = NftNatFlags.None;
        foreach (var name in f.ValueKind == JsonValueKind.Array ? f.EnumerateArray() : Enumerable.Repeat(f, 1))
        {
            flags |= name.GetString() switch
            {
                "random" => NftNatFlags.Random,
                "fully-random" => NftNatFlags.FullyRandom,
                "persistent" => NftNatFlags.Persistent,
                _ => (NftNatFlags)(-1),
            };
        }
        return flags < 0 ? null : flags;
    }

    private static NftLog? ReadLog(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Null)
            return new NftLog();
        if (!Only(body, "prefix", "level"))
            return null;
        NftLogLevel? level = null;
        if (String(body, "level") is { } l)
            level = Enum.TryParse<NftLogLevel>(l, ignoreCase: true, out var parsed) ? parsed : null;
        return body.TryGetProperty("level", out _) && level is null ? null : new NftLog(String(body, "prefix"), level);
    }

    private static NftReject? ReadReject(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Null)
            return new NftReject();
        if (!Only(body, "type", "expr"))
            return null;
        return (String(body, "type"), String(body, "expr")) switch
        {
            ("tcp reset", _) => new NftReject(NftRejectWith.TcpReset),
            ("icmpx", "port-unreachable" or null) => new NftReject(),
            ("icmpx", "admin-prohibited") => new NftReject(NftRejectWith.AdminProhibited),
            ("icmpx", "host-unreachable") => new NftReject(NftRejectWith.HostUnreachable),
            ("icmpx", "no-route") => new NftReject(NftRejectWith.NoRoute),
            _ => null,
        };
    }

    /// <summary>The one property of a JSON object, as nft writes each statement and expression.</summary>
    private static (string Name, JsonElement Body)? Single(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return null;
        using var props = e.EnumerateObject();
        if (!props.MoveNext())
            return null;
        var first = props.Current;
        return props.MoveNext() ? null : (first.Name, first.Value);
    }

    /// <summary>True when <paramref name="body"/> is an object with no property outside <paramref name="known"/>.</summary>
    private static bool Only(JsonElement body, params string[] known) =>
        body.ValueKind == JsonValueKind.Object && body.EnumerateObject().All(p => known.Contains(p.Name));
}
