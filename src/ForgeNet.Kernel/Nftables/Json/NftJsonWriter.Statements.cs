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
            case NftMatch m:
                w.WriteStartObject();
                w.WriteStartObject("match");
                w.WriteString("op", OpName(m.Op));
                w.WritePropertyName("left");
                WriteExpr(w, m.Left);
                w.WritePropertyName("right");
                WriteValue(w, m.Right);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case NftCounter c:
                w.WriteStartObject();
                w.WriteStartObject("counter");
                w.WriteNumber("packets", c.Packets);
                w.WriteNumber("bytes", c.Bytes);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case NftVerdictStatement v:
                WriteValue(w, v.Verdict);
                break;
            case NftVerdictMap v:
                w.WriteStartObject();
                w.WriteStartObject("vmap");
                w.WritePropertyName("key");
                WriteExpr(w, v.Key);
                w.WritePropertyName("data");
                WriteValue(w, v.Map);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case NftRawStatement raw:
                w.WriteRawValue(raw.Json);
                break;
            default:
                WriteAction(w, statement);
                break;
        }
    }

    private static void WriteAction(Utf8JsonWriter w, NftStatement statement)
    {
        w.WriteStartObject();
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
                w.WriteStartObject("log");
                if (l.Prefix is { } prefix)
                    w.WriteString("prefix", prefix);
                if (l.Level is { } level)
                    w.WriteString("level", level.ToString().ToLowerInvariant());
                w.WriteEndObject();
                break;
            case NftReject r:
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
                break;
            default:
                throw new ArgumentException($"unknown nftables statement {statement.GetType().Name}", nameof(statement));
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
