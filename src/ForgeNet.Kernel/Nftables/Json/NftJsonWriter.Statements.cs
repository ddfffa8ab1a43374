using System.Net.Sockets;
using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Statements, as nft prints them in a rule's "expr" array.</summary>
internal static partial class NftJsonWriter
{
    public static void WriteStatement(Utf8JsonWriter w, NftStatement statement)
    {
        switch (statement)
        {
            case NftVerdictStatement v:
                WriteValue(w, v.Verdict);
                return;
            case NftRawStatement raw:
                w.WriteRawValue(raw.Json);
                return;
        }
        w.WriteStartObject();
        switch (statement)
        {
            case NftMatch m:
                WriteMatch(w, m);
                break;
            case NftCounter c:
                w.WriteStartObject("counter");
                w.WriteNumber("packets", c.Packets);
                w.WriteNumber("bytes", c.Bytes);
                w.WriteEndObject();
                break;
            case NftVerdictMap v:
                w.WriteStartObject("vmap");
                w.WritePropertyName("key");
                WriteExpr(w, v.Key);
                w.WritePropertyName("data");
                WriteValue(w, v.Map);
                w.WriteEndObject();
                break;
            default:
                WriteAction(w, statement);
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteMatch(Utf8JsonWriter w, NftMatch m)
    {
        w.WriteStartObject("match");
        w.WriteString("op", OpName(m.Op));
        w.WritePropertyName("left");
        WriteExpr(w, m.Left);
        w.WritePropertyName("right");
        WriteValue(w, m.Right);
        w.WriteEndObject();
    }

    private static void WriteAction(Utf8JsonWriter w, NftStatement statement)
    {
        switch (statement)
        {
            case NftLimit l:
                WriteLimit(w, l);
                break;
            case NftMasquerade m when m.Flags == NftNatFlags.None:
                w.WriteNull("masquerade");
                break;
            case NftMasquerade m:
                w.WriteStartObject("masquerade");
                WriteNatFlags(w, m.Flags);
                w.WriteEndObject();
                break;
            case NftNat n:
                WriteNat(w, n);
                break;
            case NftLog l:
                WriteLog(w, l);
                break;
            case NftReject r:
                WriteReject(w, r);
                break;
            default:
                throw new ArgumentException($"unknown nftables statement {statement.GetType().Name}", nameof(statement));
        }
    }

    private static void WriteLog(Utf8JsonWriter w, NftLog l)
    {
        if (l.Prefix is null && l.Level is null)
        {
            w.WriteNull("log");
            return;
        }
        w.WriteStartObject("log");
        if (l.Prefix is { } prefix)
            w.WriteString("prefix", prefix);
        if (l.Level is { } level)
            w.WriteString("level", level.ToString().ToLowerInvariant());
        w.WriteEndObject();
    }

    private static void WriteReject(Utf8JsonWriter w, NftReject r)
    {
        w.WriteStartObject("reject");
        if (r.With == NftRejectWith.TcpReset)
        {
            w.WriteString("type", "tcp reset");
        }
        else
        {
            w.WriteString("type", "icmpx");
            w.WriteString("expr", RejectCode(r.With));
        }
        w.WriteEndObject();
    }

    private static void WriteLimit(Utf8JsonWriter w, NftLimit l)
    {
        w.WriteStartObject("limit");
        w.WriteNumber("rate", l.Rate);
        w.WriteNumber("burst", l.Burst);
        w.WriteString("per", l.Per.ToString().ToLowerInvariant());
        if (l.Over)
            w.WriteBoolean("inv", true);
        if (l.RateUnit != NftRateUnit.Packets)
        {
            w.WriteString("rate_unit", l.RateUnit.ToString().ToLowerInvariant());
            w.WriteString("burst_unit", (l.BurstUnit == NftRateUnit.Packets ? NftRateUnit.Bytes : l.BurstUnit).ToString().ToLowerInvariant());
        }
        w.WriteEndObject();
    }

    private static void WriteNat(Utf8JsonWriter w, NftNat n)
    {
        w.WriteStartObject(n.Kind == NftNatKind.Dnat ? "dnat" : "snat");
        w.WriteString("family", n.Address.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6" : "ip");
        w.WriteString("addr", NftText.Address(n.Address));
        if (n.Port is { } port)
            w.WriteNumber("port", port);
        WriteNatFlags(w, n.Flags);
        w.WriteEndObject();
    }

    private static void WriteNatFlags(Utf8JsonWriter w, NftNatFlags flags)
    {
        var names = NftText.NatFlagNames(flags);
        if (names.Count == 0)
            return;
        if (names.Count == 1)
        {
            w.WriteString("flags", names[0]);
            return;
        }
        w.WriteStartArray("flags");
        foreach (var name in names)
            w.WriteStringValue(name);
        w.WriteEndArray();
    }

    private static string RejectCode(NftRejectWith with) => with switch
    {
        NftRejectWith.PortUnreachable => "port-unreachable",
        NftRejectWith.AdminProhibited => "admin-prohibited",
        NftRejectWith.HostUnreachable => "host-unreachable",
        NftRejectWith.NoRoute => "no-route",
        _ => throw new ArgumentOutOfRangeException(nameof(with), with, null),
    };

    internal static string OpName(NftOp op) => op switch
    {
        NftOp.Eq => "==",
        NftOp.Ne => "!=",
        NftOp.Lt => "<",
        NftOp.Gt => ">",
        NftOp.Le => "<=",
        NftOp.Ge => ">=",
        NftOp.In => "in",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
