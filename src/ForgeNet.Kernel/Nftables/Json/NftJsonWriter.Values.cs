using System.Text.Json;

namespace ForgeNet.Kernel.Nftables;

/// <summary>Expressions, values and set elements.</summary>
internal static partial class NftJsonWriter
{
    public static void WriteExpr(Utf8JsonWriter w, NftExpr expr)
    {
        switch (expr)
        {
            case NftPayload p:
                w.WriteStartObject();
                w.WriteStartObject("payload");
                w.WriteString("protocol", p.Protocol);
                w.WriteString("field", p.Field);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case NftMeta m:
                WriteKeyed(w, "meta", NftExprNames.Of(m.Key));
                break;
            case NftCt c:
                WriteKeyed(w, "ct", NftExprNames.Of(c.Key));
                break;
            case NftConcatExpr c:
                w.WriteStartObject();
                w.WriteStartArray("concat");
                foreach (var part in c.Parts)
                    WriteExpr(w, part);
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case NftRawExpr raw:
                w.WriteRawValue(raw.Json);
                break;
            default:
                throw new ArgumentException($"unknown nftables expression {expr.GetType().Name}", nameof(expr));
        }
    }

    public static void WriteValue(Utf8JsonWriter w, NftValue value)
    {
        switch (value)
        {
            case NftNumber n:
                w.WriteNumberValue(n.Value);
                break;
            case NftString s:
                w.WriteStringValue(s.Value);
                break;
            case NftAddress a:
                w.WriteStringValue(NftText.Address(a.Value));
                break;
            case NftSetRef r:
                w.WriteStringValue("@" + r.Name);
                break;
            case NftFlagList f:
                w.WriteStartArray();
                foreach (var name in f.Names)
                    w.WriteStringValue(name);
                w.WriteEndArray();
                break;
            case NftMapEntry e:
                w.WriteStartArray();
                WriteValue(w, e.Key);
                WriteValue(w, e.Value);
                w.WriteEndArray();
                break;
            case NftVerdict v:
                WriteVerdict(w, v);
                break;
            case NftRawValue raw:
                w.WriteRawValue(raw.Json);
                break;
            default:
                WriteCompound(w, value);
                break;
        }
    }

    private static void WriteCompound(Utf8JsonWriter w, NftValue value)
    {
        w.WriteStartObject();
        switch (value)
        {
            case NftPrefix p:
                w.WriteStartObject("prefix");
                w.WriteString("addr", NftText.Address(p.Network));
                w.WriteNumber("len", p.Length);
                w.WriteEndObject();
                break;
            case NftRange r:
                w.WriteStartArray("range");
                WriteValue(w, r.From);
                WriteValue(w, r.To);
                w.WriteEndArray();
                break;
            case NftConcat c:
                WriteValueArray(w, "concat", c.Parts);
                break;
            case NftAnonymousSet s:
                if (s.Elements.Count == 0)
                    throw new ArgumentException("an anonymous set needs at least one element");
                WriteValueArray(w, "set", s.Elements);
                break;
            default:
                throw new ArgumentException($"unknown nftables value {value.GetType().Name}", nameof(value));
        }
        w.WriteEndObject();
    }

    private static void WriteValueArray(Utf8JsonWriter w, string name, IReadOnlyList<NftValue> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            WriteValue(w, v);
        w.WriteEndArray();
    }

    private static void WriteVerdict(Utf8JsonWriter w, NftVerdict v)
    {
        w.WriteStartObject();
        var name = v.Kind.ToString().ToLowerInvariant();
        if (v.Target is { } target)
        {
            w.WriteStartObject(name);
            w.WriteString("target", target);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(name);
        }
        w.WriteEndObject();
    }

    private static void WriteKeyed(Utf8JsonWriter w, string name, string key)
    {
        w.WriteStartObject();
        w.WriteStartObject(name);
        w.WriteString("key", key);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static void WriteElements(Utf8JsonWriter w, IReadOnlyList<NftElement> elements)
    {
        w.WriteStartArray("elem");
        foreach (var e in elements)
        {
            if (e.Value is null)
            {
                WriteElementKey(w, e);
                continue;
            }
            w.WriteStartArray();
            WriteElementKey(w, e);
            WriteValue(w, e.Value);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static void WriteElementKey(Utf8JsonWriter w, NftElement e)
    {
        if (e.Timeout is null && e.Comment is null)
        {
            WriteValue(w, e.Key);
            return;
        }
        w.WriteStartObject();
        w.WriteStartObject("elem");
        w.WritePropertyName("val");
        WriteValue(w, e.Key);
        if (e.Timeout is { } timeout)
            w.WriteNumber("timeout", Seconds(timeout, $"timeout of element {e.Key}"));
        if (e.Comment is { } comment)
            w.WriteString("comment", comment);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
