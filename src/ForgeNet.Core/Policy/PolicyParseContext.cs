namespace ForgeNet.Core.Policy;

/// <summary>State shared while one policy text is parsed: its name, positions, warnings and a size budget.</summary>
internal sealed class PolicyParseContext(string sourceName)
{
    /// <summary>Values one policy may hold; aliases can make a small file expand, so the budget counts visits.</summary>
    public const int MaxValues = 100_000;

    private int visited;

    public string SourceName { get; } = sourceName;

    public PolicyPositions Positions { get; } = new();

    public List<PolicyWarning> Warnings { get; } = [];

    public void Visit(YamlCursor cursor)
    {
        if (++visited > MaxValues)
            throw cursor.Error($"the policy is too large (more than {MaxValues} values)");
    }

    public void Warn(YamlCursor cursor, string detail) =>
        Warnings.Add(new PolicyWarning(SourceName, cursor.Line, cursor.Column, cursor.Path, detail));
}
