using System.Diagnostics.CodeAnalysis;

namespace ForgeNet.Core.Policy;

internal sealed partial class PolicyParser
{
    /// <summary>The shape of PortRange.TryParse and friends: parse text, or say why not.</summary>
    private delegate bool TryParser<T>(string text, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error);

    /// <summary>A rule's ports, protocols or types: empty would widen the rule to every protocol, so it is refused.</summary>
    private static EquatableArray<T> ParseRuleList<T>(YamlCursor list, string key, string example, TryParser<T> parse)
    {
        var items = ParseList(list, example, parse);
        return items.IsEmpty ? throw list.Error($"an empty '{key}' would allow every protocol; leave '{key}' out for that, or list what to allow, e.g. {example}") : items;
    }

    /// <summary>A list of scalars, each parsed by <paramref name="parse"/>; an item given twice is an error.</summary>
    private static EquatableArray<T> ParseList<T>(YamlCursor list, string example, TryParser<T> parse)
    {
        var items = new List<T>();
        foreach (var item in list.Items(example))
        {
            var text = item.Scalar($"a value such as {example.Trim('[', ']').Split(',')[0]}");
            if (!parse(text, out var value, out var error)) throw item.Error(error);
            if (items.Contains(value)) throw item.Error($"'{text}' is listed twice");
            items.Add(value);
        }
        return new(items);
    }

    private static bool TryParseProtocol(string text, [NotNullWhen(true)] out TransportProtocol protocol, [NotNullWhen(false)] out string? error)
    {
        error = TransportProtocols.TryParse(text, out protocol)
            ? null
            : $"'{text}' is not a protocol{Spelling.Hint(text, TransportProtocols.Names)}; use one of: {string.Join(", ", TransportProtocols.Names)}";
        return error is null;
    }

    private static TryParser<IcmpType> IcmpParser(TransportProtocol protocol) =>
        (string text, [NotNullWhen(true)] out IcmpType value, [NotNullWhen(false)] out string? error) => IcmpType.TryParse(protocol, text, out value, out error);

    private static EquatableArray<PortMapping> ParsePortMappings(YamlCursor value) =>
        ParseList<PortMapping>(value, "[8080:80/tcp, 127.0.0.1:5353:53/udp]", PortMapping.TryParse);
}
