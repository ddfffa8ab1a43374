namespace ForgeNet.Core.Policy;

/// <summary>
/// Where each path of a parsed policy was written, so that checks made on the model (which has no positions)
/// still report line and column. Keys are paths such as "egress[1].to[0]"; a missing path falls back to its parent.
/// </summary>
internal sealed class PolicyPositions
{
    private readonly Dictionary<string, (int Line, int Column)> marks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> selectorPaths = new(StringComparer.Ordinal);

    /// <summary>No positions: for policies built in code.</summary>
    public static PolicyPositions None => new();

    public void Record(string path, int line, int column) => marks.TryAdd(path, (line, column));

    /// <summary>Notes that the <paramref name="index"/>-th selector of <paramref name="kind"/> in list <paramref name="listPath"/> was written at <paramref name="sourcePath"/>.</summary>
    public void RecordSelector(string listPath, string kind, int index, string sourcePath) =>
        selectorPaths.TryAdd($"{listPath}:{kind}#{index}", sourcePath);

    /// <summary>The written path of a selector, or <paramref name="fallback"/> when it was not written (or not parsed).</summary>
    public string SelectorPath(string listPath, string kind, int index, string fallback) =>
        selectorPaths.GetValueOrDefault($"{listPath}:{kind}#{index}", fallback);

    /// <summary>The position of <paramref name="path"/> or of its nearest recorded parent; (0, 0) when none is.</summary>
    public (int Line, int Column) Find(string path)
    {
        while (true)
        {
            if (marks.TryGetValue(path, out var mark)) return mark;
            if (path.Length == 0) return (0, 0);
            path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))];
        }
    }
}
