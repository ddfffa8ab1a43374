namespace ForgeNet.Core.Policy;

/// <summary>The one-line format errors and warnings share: "SOURCE:LINE:COLUMN: PATH: DETAIL".</summary>
internal static class PolicyMessage
{
    public static string Format(string sourceName, int line, int column, string path, string detail)
    {
        var where = line > 0 ? $"{sourceName}:{line}:{column}" : sourceName;
        return path.Length > 0 ? $"{where}: {path}: {detail}" : $"{where}: {detail}";
    }
}
