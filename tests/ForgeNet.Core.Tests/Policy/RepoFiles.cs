namespace ForgeNet.Core.Tests.Policy;

/// <summary>Finds files of the repository (docs, examples) from the test's output directory.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "forgenet.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no forgenet.slnx above {AppContext.BaseDirectory}");
    }
}
