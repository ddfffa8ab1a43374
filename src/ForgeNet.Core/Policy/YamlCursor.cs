using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ForgeNet.Core.Policy;

/// <summary>A YAML node with its path in the policy, and typed readers that fail with a positioned <see cref="PolicyException"/>.</summary>
internal readonly struct YamlCursor
{
    private readonly PolicyParseContext context;

    public YamlCursor(PolicyParseContext context, YamlNode node, string path)
    {
        (this.context, Node, Path) = (context, node, path);
        context.Visit(this);
    }

    public YamlNode Node { get; }

    public string Path { get; }

    public int Line => (int)Node.Start.Line;

    public int Column => (int)Node.Start.Column;

    /// <summary>An empty value, "~" or "null" (plain, not quoted).</summary>
    public bool IsNull => Node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public PolicyException Error(string detail) => new(context.SourceName, Line, Column, Path, detail);

    /// <summary>An error at the key this value belongs to (recorded when the mapping was read).</summary>
    public PolicyException KeyError(string detail)
    {
        var (line, column) = context.Positions.Find(Path);
        return new PolicyException(context.SourceName, line, column, Path, detail);
    }

    public void Warn(string detail) => context.Warn(this, detail);

    /// <summary>The entries of a mapping, in order; a key not in <paramref name="keys"/> is an error with a suggestion.</summary>
    public IEnumerable<(string Key, YamlCursor Value)> Entries(IReadOnlyCollection<string> keys, Func<string, string?>? explainUnknown = null)
    {
        foreach (var (key, value) in AnyEntries())
        {
            var name = KeyName(key);
            if (!keys.Contains(name))
                throw key.Error(explainUnknown?.Invoke(name) ?? $"unknown key '{name}'{Spelling.Hint(name, keys)}; expected one of: {string.Join(", ", keys)}");
            yield return (name, value);
        }
    }

    /// <summary>The entries of a mapping with any scalar keys; each key's cursor points at the key.</summary>
    public IEnumerable<(YamlCursor Key, YamlCursor Value)> AnyEntries()
    {
        if (Node is not YamlMappingNode mapping) throw Error($"expected a mapping (key: value), not {Describe()}");
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
                throw new YamlCursor(context, keyNode, Path).Error("keys must be plain names");
            var childPath = Path.Length == 0 ? name : $"{Path}.{name}";
            var key = new YamlCursor(context, keyNode, childPath);
            context.Positions.Record(childPath, key.Line, key.Column);
            yield return (key, new YamlCursor(context, valueNode, childPath));
        }
    }

    /// <summary>The items of a sequence; null is an empty sequence.</summary>
    public IEnumerable<YamlCursor> Items(string example)
    {
        if (IsNull) yield break;
        if (Node is not YamlSequenceNode sequence) throw Error($"expected a list, e.g. {example}, not {Describe()}");
        var index = 0;
        foreach (var node in sequence.Children)
        {
            var item = new YamlCursor(context, node, $"{Path}[{index++}]");
            context.Positions.Record(item.Path, item.Line, item.Column);
            yield return item;
        }
    }

    /// <summary>A non-null scalar's text.</summary>
    public string Scalar(string expected) =>
        Node is YamlScalarNode { Value: { } value } && !IsNull ? value : throw Error($"expected {expected}, not {Describe()}");

    /// <summary>true or false (YAML 1.1's yes/no/on/off are refused: they surprise).</summary>
    public bool Bool() => Scalar("true or false") switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var other => throw Error($"'{other}' is not a boolean; use true or false"),
    };

    /// <summary>"a list", "a mapping", "an empty value" or the scalar's text, for error messages.</summary>
    public string Describe() => Node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ when IsNull => "an empty value",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "this value",
    };

    private static string KeyName(YamlCursor key) => ((YamlScalarNode)key.Node).Value!;
}
