namespace ForgeNet.Core.Policy;

/// <summary>One finding of <see cref="PolicyValidator"/>: an error or a warning at a policy path.</summary>
internal readonly record struct PolicyIssue(bool IsError, string Path, string Detail)
{
    public static PolicyIssue Error(string path, string detail) => new(true, path, detail);

    public static PolicyIssue Warning(string path, string detail) => new(false, path, detail);
}
